import { z } from 'zod';
import type { Knex } from 'knex';
import { AppError } from '../errors';

/** react-admin's simple REST convention: ?sort=["field","ASC"]&range=[0,24]&filter={...} */
export interface ListParams<F> {
  sort: { field: string; order: 'asc' | 'desc' };
  range: { from: number; to: number };
  filter: F;
}

export const MAX_PAGE = 200;

function jsonParam(raw: unknown, name: string): unknown {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw badParam(name, 'phải là chuỗi JSON', 'must be a JSON string');
  try {
    return JSON.parse(raw);
  } catch {
    throw badParam(name, 'không phải JSON hợp lệ', 'is not valid JSON');
  }
}

function badParam(name: string, vi: string, en: string): AppError {
  return new AppError(
    'validation_failed',
    { vi: 'Tham số danh sách không hợp lệ', en: 'Invalid list parameters' },
    [{ path: `query.${name}`, message: `${name} ${vi}`, message_en: `${name} ${en}` }],
  );
}

export function parseListParams<F extends z.ZodType>(
  query: Record<string, unknown>,
  opts: { sortable: readonly string[]; defaultSort: [string, 'ASC' | 'DESC']; filter: F },
): ListParams<z.infer<F>> {
  const sortRaw = jsonParam(query.sort, 'sort') ?? opts.defaultSort;
  const sort = z.tuple([z.string(), z.enum(['ASC', 'DESC', 'asc', 'desc'])]).safeParse(sortRaw);
  if (!sort.success)
    throw badParam('sort', 'phải có dạng ["trường","ASC"|"DESC"]', 'must look like ["field","ASC"|"DESC"]');
  if (!opts.sortable.includes(sort.data[0]))
    throw badParam(
      'sort',
      `chỉ sắp xếp được theo: ${opts.sortable.join(', ')}`,
      `can sort by: ${opts.sortable.join(', ')}`,
    );
  const rangeRaw = jsonParam(query.range, 'range') ?? [0, 24];
  const range = z.tuple([z.number().int().min(0), z.number().int().min(0)]).safeParse(rangeRaw);
  if (!range.success || range.data[1] < range.data[0])
    throw badParam(
      'range',
      'phải có dạng [đầu,cuối] với đầu ≤ cuối',
      'must look like [from,to] with from ≤ to',
    );
  const to = Math.min(range.data[1], range.data[0] + MAX_PAGE - 1);
  const filterRaw = jsonParam(query.filter, 'filter') ?? {};
  const filter = opts.filter.safeParse(filterRaw);
  if (!filter.success) {
    const first = filter.error.issues[0];
    throw badParam(
      'filter',
      `không hợp lệ tại ${first?.path.join('.') || '(gốc)'}: ${first?.message ?? ''}`,
      `is invalid at ${first?.path.join('.') || '(root)'}: ${first?.message ?? ''}`,
    );
  }
  return {
    sort: { field: sort.data[0], order: sort.data[1].toLowerCase() as 'asc' | 'desc' },
    range: { from: range.data[0], to },
    filter: filter.data,
  };
}

/** Runs a filtered query as one page plus its total, for a Content-Range header. */
export async function fetchPage<Row>(
  base: Knex.QueryBuilder,
  params: ListParams<unknown>,
  columnOf: (field: string) => string,
): Promise<{ rows: Row[]; total: number; from: number; to: number }> {
  const countRow = (await base.clone().clearSelect().clearOrder().count({ n: '*' }).first()) as {
    n: number | string;
  };
  const total = Number(countRow?.n ?? 0);
  const rows = (await base
    .clone()
    .orderBy(columnOf(params.sort.field), params.sort.order)
    .offset(params.range.from)
    .limit(params.range.to - params.range.from + 1)) as Row[];
  return { rows, total, from: params.range.from, to: params.range.from + Math.max(rows.length - 1, 0) };
}
