import type { Tx } from '../../db/transactor';
import { fetchPage, type ListParams } from '../../http/list-params';
import type { HolidayKind } from './calendar';
import { epochDayOf, isoWeekday } from './local-time';
import type { Holiday, HolidayFilter } from './schema';

interface HolidayRow {
  day: string;
  name: string;
  name_en: string;
  kind: HolidayKind;
  created_at: Date;
  updated_at: Date;
}

// node-pg would turn a date into a Date at the server's local midnight; the text is the truth.
const SELECT = ["to_char(day, 'YYYY-MM-DD') as day", 'name', 'name_en', 'kind', 'created_at', 'updated_at'];

const columns: Record<string, string> = { updatedAt: 'updated_at' };
const columnOf = (field: string) => columns[field] ?? field;

function toHoliday(r: HolidayRow): Holiday {
  return {
    id: r.day,
    day: r.day,
    name: r.name,
    name_en: r.name_en,
    kind: r.kind,
    weekday: isoWeekday(epochDayOf(r.day)),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

const selectAll = (tx: Tx) => tx('holidays').select(SELECT.map((c) => tx.raw(c)));

export async function findHoliday(tx: Tx, day: string, opts: { lock?: boolean } = {}) {
  const q = selectAll(tx).where({ day }).first();
  if (opts.lock) q.forUpdate();
  const row = (await q) as HolidayRow | undefined;
  return row ? toHoliday(row) : null;
}

export async function listHolidays(tx: Tx, params: ListParams<HolidayFilter>) {
  const f = params.filter;
  const base = selectAll(tx);
  if (f.year) base.whereBetween('day', [`${f.year}-01-01`, `${f.year}-12-31`]);
  if (f.from) base.where('day', '>=', f.from);
  if (f.to) base.where('day', '<=', f.to);
  if (f.kind) base.where({ kind: f.kind });
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    base.where((w) =>
      w.whereRaw('search_key(name) like search_key(?)', [like]).orWhereILike('name_en', like),
    );
  }
  const page = await fetchPage<HolidayRow>(base, params, columnOf);
  return { ...page, rows: page.rows.map(toHoliday) };
}

export async function yearHolidays(tx: Tx, year: number, opts: { lock?: boolean } = {}): Promise<Holiday[]> {
  const q = selectAll(tx)
    .whereBetween('day', [`${year}-01-01`, `${year}-12-31`])
    .orderBy('day');
  if (opts.lock) q.forUpdate();
  return ((await q) as HolidayRow[]).map(toHoliday);
}

export interface HolidayContent {
  day: string;
  name: string;
  name_en: string;
  kind: HolidayKind;
}

export async function insertHoliday(tx: Tx, h: HolidayContent, now: Date): Promise<Holiday> {
  await tx('holidays').insert({ ...h, created_at: now, updated_at: now });
  return (await findHoliday(tx, h.day))!;
}

export async function updateHolidayRow(
  tx: Tx,
  day: string,
  patch: Partial<Omit<HolidayContent, 'day'>>,
  now: Date,
): Promise<Holiday> {
  await tx('holidays')
    .where({ day })
    .update({ ...patch, updated_at: now });
  return (await findHoliday(tx, day))!;
}

export async function deleteHolidayRows(tx: Tx, days: readonly string[]): Promise<void> {
  if (days.length > 0)
    await tx('holidays')
      .whereIn('day', [...days])
      .delete();
}
