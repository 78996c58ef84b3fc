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
import { fetchUtils, type DataProvider, type RaRecord } from 'react-admin';
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
const path = (resource: string, id: RaRecord['id']) => `${API}/${resource}/${encodeURIComponent(String(id))}`;

export const dataProvider: DataProvider = {
  ...base,
  getList: async (resource, params) => {
    const res = await base.getList(resource, params);
    return { ...res, data: res.data.map((r) => withId(resource, r)) };
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
