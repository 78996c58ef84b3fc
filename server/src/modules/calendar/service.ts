import type { Tx } from '../../db/transactor';
import { AppError, conflict, notFound } from '../../errors';
import { appendPlatformAudit, systemClock, type AuditActorRef, type Clock } from '../audit/audit-log';
import { invalidateCalendarAfterCommit } from './calendar-cache';
import { epochDayOf, isoWeekday } from './local-time';
import { deleteHolidayRows, findHoliday, insertHoliday, updateHolidayRow, yearHolidays } from './queries';
import {
  createHolidayInput,
  importHolidaysInput,
  updateHolidayInput,
  type CreateHolidayInput,
  type Holiday,
  type ImportHolidaysInput,
  type ImportHolidaysResult,
  type UpdateHolidayInput,
} from './schema';

/**
 * The operator's holiday calendar. Writes run in a platform_admin (or system) transaction; each
 * one is audited on the platform chain and drops the in-memory calendars once it settles.
 */

const holidayNotFound = (day: string) =>
  notFound({ vi: `Không có ngày nghỉ/làm bù ${day}`, en: `No holiday or compensatory workday on ${day}` });

export async function getHoliday(tx: Tx, day: string): Promise<Holiday> {
  const h = await findHoliday(tx, day);
  if (!h) throw holidayNotFound(day);
  return h;
}

export async function createHoliday(
  tx: Tx,
  raw: CreateHolidayInput,
  actor: AuditActorRef,
  clock: Clock = systemClock,
): Promise<Holiday> {
  const input = createHolidayInput.parse(raw);
  if (await findHoliday(tx, input.day))
    throw conflict(
      { vi: `Ngày ${input.day} đã có trong lịch`, en: `${input.day} is already in the calendar` },
      [{ path: 'day', message: 'Ngày đã có trong lịch', message_en: 'Day already in the calendar' }],
    );
  const now = clock();
  const h = await insertHoliday(tx, input, now);
  await appendPlatformAudit(
    tx,
    actor,
    { action: 'holiday.created', entityType: 'holiday', entityId: h.day, data: { ...input } },
    () => now,
  );
  invalidateCalendarAfterCommit(tx);
  return h;
}

export async function updateHoliday(
  tx: Tx,
  day: string,
  raw: UpdateHolidayInput,
  actor: AuditActorRef,
  clock: Clock = systemClock,
): Promise<Holiday> {
  const patch = updateHolidayInput.parse(raw);
  const current = await findHoliday(tx, day, { lock: true });
  if (!current) throw holidayNotFound(day);
  if (patch.kind === 'compensatory_workday' && isoWeekday(epochDayOf(day)) < 6)
    throw new AppError(
      'validation_failed',
      {
        vi: `${day} không phải thứ Bảy hay Chủ nhật: không thể là ngày làm bù`,
        en: `${day} is not a Saturday or Sunday: it cannot be a compensatory workday`,
      },
      [
        {
          path: 'kind',
          message: 'Ngày làm bù chỉ có thể là thứ Bảy hoặc Chủ nhật',
          message_en: 'A compensatory workday must be a Saturday or Sunday',
        },
      ],
    );
  const changed = (['name', 'name_en', 'kind'] as const).filter(
    (k) => patch[k] !== undefined && patch[k] !== current[k],
  );
  if (changed.length === 0) return current;
  const now = clock();
  const values = Object.fromEntries(changed.map((k) => [k, patch[k]]));
  const updated = await updateHolidayRow(tx, day, values, now);
  await appendPlatformAudit(
    tx,
    actor,
    {
      action: 'holiday.updated',
      entityType: 'holiday',
      entityId: day,
      data: { before: Object.fromEntries(changed.map((k) => [k, current[k]])), change: values },
    },
    () => now,
  );
  invalidateCalendarAfterCommit(tx);
  return updated;
}

export async function deleteHoliday(
  tx: Tx,
  day: string,
  actor: AuditActorRef,
  clock: Clock = systemClock,
): Promise<void> {
  const current = await findHoliday(tx, day, { lock: true });
  if (!current) throw holidayNotFound(day);
  await deleteHolidayRows(tx, [day]);
  await appendPlatformAudit(
    tx,
    actor,
    { action: 'holiday.deleted', entityType: 'holiday', entityId: day, data: { ...current } },
    clock,
  );
  invalidateCalendarAfterCommit(tx);
}

/**
 * Replaces one year's list with the given one, all or nothing: the input was checked item by item
 * at the edge; here days are inserted, changed or removed so the year equals the list. Due dates
 * already set on dossiers keep their value (they were promised on the receipt slip).
 */
export async function importHolidayYear(
  tx: Tx,
  raw: ImportHolidaysInput,
  actor: AuditActorRef,
  clock: Clock = systemClock,
): Promise<ImportHolidaysResult> {
  const items = importHolidaysInput.parse(raw);
  const year = Number(items[0]!.day.slice(0, 4));
  const now = clock();
  // Two imports of one year at once would interleave; one at a time.
  await tx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`holidays:${year}`]);
  const current = new Map((await yearHolidays(tx, year, { lock: true })).map((h) => [h.day, h]));
  let inserted = 0;
  let updated = 0;
  for (const item of items) {
    const was = current.get(item.day);
    if (!was) {
      await insertHoliday(tx, item, now);
      inserted++;
    } else if (was.name !== item.name || was.name_en !== item.name_en || was.kind !== item.kind) {
      await updateHolidayRow(tx, item.day, { name: item.name, name_en: item.name_en, kind: item.kind }, now);
      updated++;
    }
  }
  const listed = new Set(items.map((i) => i.day));
  const removed = [...current.keys()].filter((d) => !listed.has(d));
  await deleteHolidayRows(tx, removed);
  await appendPlatformAudit(
    tx,
    actor,
    {
      action: 'holiday.year_imported',
      entityType: 'holiday_year',
      entityId: String(year),
      data: { inserted, updated, deleted: removed, items: items.length },
    },
    () => now,
  );
  invalidateCalendarAfterCommit(tx);
  return { year, inserted, updated, deleted: removed.length, holidays: await yearHolidays(tx, year) };
}
