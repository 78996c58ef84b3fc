/**
 * react-admin's simple REST convention, which every list route of the API follows
 * (?sort=["f","ASC"]&range=[0,24]&filter={…}, Content-Range). Resource names are API paths below
 * /api/v1, e.g. "procedures", "dossiers", "tenants".
 *
 * Two differences from ra-data-simple-rest: updates are PATCH with only the fields that changed
 * (the API's schemas are strict: a read-only field such as createdAt is refused), and resources
 * whose key is not called `id` (dictionary fields by `key`) get an `id` so react-admin can hold them.
 */
import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, type DataProvider, type GetListParams, type RaRecord } from 'react-admin';
import { API, apiFetch } from './api';

const httpClient = async (url: string, options: fetchUtils.Options = {}) => {
  const { json, headers, status } = await apiFetch(url, {
    method: options.method,
    body: options.body as BodyInit | undefined,
    headers: options.headers as HeadersInit | undefined,
  });
  return { status, headers, body: JSON.stringify(json), json };
};

/** Resources whose natural key is the record's id. */
const idFields: Record<string, string> = { dictionary: 'key' };

function withId<T>(resource: string, record: T): T {
  const field = idFields[resource];
  if (!field || !record || typeof record !== 'object') return record;
  const r = record as Record<string, unknown>;
  return { ...r, id: r[field] } as T;
}

/** The fields of `data` that differ from `previous` (deep, by JSON), without the id. */
export function changedFields(
  data: Record<string, unknown>,
  previous: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (k === 'id') continue;
    if (!previous || JSON.stringify(v) !== JSON.stringify(previous[k])) out[k] = v;
  }
  return out;
}

const base = simpleRestProvider(API, httpClient);

/** The most rows one page of the API gives (http/list-params.ts MAX_PAGE). */
export const MAX_PAGE = 200;

/**
 * ?sort&range&filter. react-admin's default sort is by "id", which few lists can sort by: without a
 * sort of its own choosing, a list is left in the server's default order.
 */
function listUrl(resource: string, params: Partial<GetListParams>): string {
  const q = new URLSearchParams();
  const sort = params.sort;
  if (sort?.field && sort.field !== 'id') q.set('sort', JSON.stringify([sort.field, sort.order]));
  const { page = 1, perPage = 25 } = params.pagination ?? {};
  q.set('range', JSON.stringify([(page - 1) * perPage, page * perPage - 1]));
  q.set('filter', JSON.stringify(params.filter ?? {}));
  return `${API}/${resource}?${q}`;
}

function totalOf(headers: Headers, fallback: number): number {
  const total = headers.get('Content-Range')?.split('/').pop();
  return total && total !== '*' ? Number(total) : fallback;
}

/** Every row of a list, page after page (the tenant tree, the heat map: a few hundred units). */
export async function fetchAll<T = RaRecord>(
  resource: string,
  params: { sort?: GetListParams['sort']; filter?: Record<string, unknown> } = {},
): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const { json, headers } = await apiFetch<T[]>(
      listUrl(resource, { ...params, pagination: { page, perPage: MAX_PAGE } }),
    );
    out.push(...json.map((r) => withId(resource, r)));
    if (json.length < MAX_PAGE || out.length >= totalOf(headers, out.length)) return out;
  }
}
const path = (resource: string, id: RaRecord['id']) => `${API}/${resource}/${encodeURIComponent(String(id))}`;

export const dataProvider: DataProvider = {
  ...base,
  getList: async (resource, params) => {
    const { json, headers } = await apiFetch<RaRecord[]>(listUrl(resource, params));
    return { data: json.map((r) => withId(resource, r)) as never[], total: totalOf(headers, json.length) };
  },
  getOne: async (resource, params) => {
    const res = await base.getOne(resource, params);
    return { ...res, data: withId(resource, res.data) };
  },
  getMany: async (resource, params) => {
    const res = await base.getMany(resource, params);
    return { ...res, data: res.data.map((r) => withId(resource, r)) };
  },
  create: async (resource, params) => {
    const res = await base.create(resource, params);
    return { ...res, data: withId(resource, res.data) };
  },
  update: async (resource, params) => {
    const body = changedFields(params.data as Record<string, unknown>, params.previousData);
    const { json } = await apiFetch<RaRecord>(path(resource, params.id), {
      method: 'PATCH',
      body: JSON.stringify(body),
    });
    return { data: withId(resource, { ...json, id: json?.id ?? params.id }) as never };
  },
  /** One call per id; the API has no bulk delete, and partial failure must surface. */
  deleteMany: async (resource, params) => {
    for (const id of params.ids) await base.delete(resource, { id, previousData: undefined });
    return { data: params.ids };
  },
  updateMany: async (resource, params) => {
    for (const id of params.ids)
      await apiFetch(path(resource, id), { method: 'PATCH', body: JSON.stringify(params.data) });
    return { data: params.ids };
  },
};
