import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import type { IssuedKey } from '../../src/modules/access/api-keys';
import { isWorkingEpochDay } from '../../src/modules/calendar/calendar';
import { loadCalendar } from '../../src/modules/calendar/load-calendar';
import { epochDayOf, isoWeekday, localDateOfEpochDay } from '../../src/modules/calendar/local-time';
import { createHoliday } from '../../src/modules/calendar/service';
import { ensureHolidays } from '../../src/modules/calendar/vietnam-holidays';
import { isWorkingDay } from '../../src/modules/calendar/working-days';
import {
  bearer,
  createTestPlatformKey,
  createTestUnit,
  startTestServer,
  testActor,
  type TestUnit,
} from '../support/app';

/**
 * The operator's holiday calendar over HTTP. Test files share one database and the calendar is
 * platform-wide, so this file works in a far-future year of its own (2060–2099, random).
 */
let running: Running;
let unit: TestUnit;
let admin: IssuedKey;
let finance: IssuedKey;
const year = 2060 + Math.floor(Math.random() * 40);

const api = () => request(running.url);
const as = (key: IssuedKey) => ({
  get: (path: string) => api().get(`/api/v1${path}`).set('Authorization', bearer(key)),
  post: (path: string, body: object) =>
    api().post(`/api/v1${path}`).set('Authorization', bearer(key)).send(body),
  patch: (path: string, body: object) =>
    api().patch(`/api/v1${path}`).set('Authorization', bearer(key)).send(body),
  delete: (path: string) => api().delete(`/api/v1${path}`).set('Authorization', bearer(key)),
});

/** The first day of `year` on or after month/day with the given ISO weekday. */
function nth(month: number, day: number, weekday: number): string {
  let d = epochDayOf(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  while (isoWeekday(d) !== weekday) d++;
  return localDateOfEpochDay(d);
}
const weekday1 = nth(3, 1, 2); // a Tuesday
const weekday2 = nth(5, 1, 3); // a Wednesday
const saturday = nth(6, 1, 6);
const weekday3 = nth(9, 1, 4); // a Thursday

const paths = (res: request.Response) => (res.body.errors as { path: string }[]).map((e) => e.path).sort();

beforeAll(async () => {
  running = await startTestServer();
  unit = await createTestUnit(running, ['tenant_admin', 'desk_officer']);
  admin = await createTestPlatformKey(running, 'platform_admin');
  finance = await createTestPlatformKey(running, 'finance');
});
afterAll(async () => {
  await running?.close();
});

describe('who may read and write', () => {
  it('the operator writes; staff of any unit and finance read', async () => {
    const created = await as(admin)
      .post('/holidays', { day: weekday1, name: 'Ngày nghỉ thử', name_en: 'Test holiday' })
      .expect(201);
    expect(created.body).toMatchObject({ id: weekday1, day: weekday1, kind: 'holiday', weekday: 2 });

    const one = await as(unit.keys.desk_officer!).get(`/holidays/${weekday1}`).expect(200);
    expect(one.body.name).toBe('Ngày nghỉ thử');
    const list = await as(unit.keys.tenant_admin!)
      .get('/holidays')
      .query({ filter: JSON.stringify({ year }) })
      .expect(200);
    expect(list.body.map((h: { day: string }) => h.day)).toEqual([weekday1]);
    expect(list.headers['content-range']).toBe('holidays 0-0/1');
    await as(finance).get(`/holidays/${weekday1}`).expect(200);
  });

  it('a desk officer, a unit admin and finance may not write (403)', async () => {
    for (const key of [unit.keys.desk_officer!, unit.keys.tenant_admin!, finance]) {
      await as(key).post('/holidays', { day: weekday2, name: 'x' }).expect(403);
      await as(key).patch(`/holidays/${weekday1}`, { name: 'x' }).expect(403);
      await as(key).delete(`/holidays/${weekday1}`).expect(403);
      await as(key)
        .post('/holidays/import', [{ day: weekday2, name: 'x' }])
        .expect(403);
    }
    await as(admin).get(`/holidays/${weekday2}`).expect(404);
  });

  it('a malformed day answers 404, like a missing one', async () => {
    await as(admin).get('/holidays/not-a-day').expect(404);
    await as(admin).get(`/holidays/${year}-02-30`).expect(404);
  });
});

describe('bad input is refused field by field', () => {
  it('names each bad field', async () => {
    const res = await as(admin)
      .post('/holidays', { day: `${year}-02-30`, name: '', kind: 'vacation', colour: 'red' })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(paths(res)).toEqual(['colour', 'day', 'kind', 'name']);
    for (const e of res.body.errors) expect(e.message_en).toBeTruthy();
  });

  it('a compensatory workday must be a Saturday or Sunday', async () => {
    const res = await as(admin)
      .post('/holidays', { day: weekday2, name: 'Làm bù', kind: 'compensatory_workday' })
      .expect(400);
    expect(paths(res)).toEqual(['kind']);
    await as(admin).patch(`/holidays/${weekday1}`, { kind: 'compensatory_workday' }).expect(400);
    await as(admin)
      .post('/holidays', { day: saturday, name: 'Làm bù', kind: 'compensatory_workday' })
      .expect(201);
  });

  it('a day already in the calendar is a conflict', async () => {
    await as(admin).post('/holidays', { day: weekday1, name: 'Lần hai' }).expect(409);
  });

  it('edits and removes a day', async () => {
    const edited = await as(admin).patch(`/holidays/${weekday1}`, { name: 'Đã sửa' }).expect(200);
    expect(edited.body.name).toBe('Đã sửa');
    await as(admin).delete(`/holidays/${saturday}`).expect(204);
    await as(admin).get(`/holidays/${saturday}`).expect(404);
  });
});

describe('import of a year: all or nothing', () => {
  it('refuses the whole list with a reason per bad item, and changes nothing', async () => {
    const before = await as(admin)
      .get('/holidays')
      .query({ filter: JSON.stringify({ year }) });
    const res = await as(admin)
      .post('/holidays/import', [
        { day: weekday2, name: 'Tốt' },
        { day: weekday3, name: '' },
        { day: `${year}-13-01`, name: 'Sai ngày' },
        { day: weekday2, name: 'Trùng' },
        { day: `${year + 1}-01-01`, name: 'Năm khác' },
        { day: weekday1, name: 'Làm bù ngày thường', kind: 'compensatory_workday' },
      ])
      .expect(400);
    expect(paths(res)).toEqual(['1.name', '2.day', '3.day', '4.day', '5.kind']);
    const after = await as(admin)
      .get('/holidays')
      .query({ filter: JSON.stringify({ year }) });
    expect(after.body).toEqual(before.body);
  });

  it('replaces the year with the list: inserts, updates and removes', async () => {
    const res = await as(admin)
      .post('/holidays/import', [
        { day: weekday1, name: 'Đã sửa' },
        { day: weekday2, name: 'Mới', name_en: 'New' },
        { day: saturday, name: 'Làm bù', kind: 'compensatory_workday' },
      ])
      .expect(200);
    // weekday1 loses its English name: an update.
    expect(res.body).toMatchObject({ year, inserted: 2, updated: 1, deleted: 0 });
    const again = await as(admin)
      .post('/holidays/import', [
        { day: weekday2, name: 'Mới (sửa)', name_en: 'New' },
        { day: weekday3, name: 'Thêm' },
      ])
      .expect(200);
    expect(again.body).toMatchObject({ year, inserted: 1, updated: 1, deleted: 2 });
    expect(again.body.holidays.map((h: { day: string }) => h.day)).toEqual([weekday2, weekday3]);
  });

  it('an empty list is refused', async () => {
    const res = await as(admin).post('/holidays/import', []).expect(400);
    expect(res.body.errors.length).toBeGreaterThan(0);
  });
});

describe('the in-memory calendar follows the table', () => {
  it('a change through the API is seen by the next loadCalendar of this process', async () => {
    const load = () => running.transactor.withSystem((tx) => loadCalendar(tx, year, year));
    expect(isWorkingDay(weekday3, await load())).toBe(false);
    await as(admin).delete(`/holidays/${weekday3}`).expect(204);
    expect(isWorkingDay(weekday3, await load())).toBe(true);
    await as(admin).post('/holidays', { day: weekday3, name: 'Lại nghỉ' }).expect(201);
    expect(isWorkingDay(weekday3, await load())).toBe(false);
  });

  it('a rolled-back write leaves the calendar as it was', async () => {
    // The next year, which nothing has loaded yet: the read inside the transaction misses the cache.
    const next = year + 1;
    const load = () =>
      running.transactor.withTenant({ tenantId: unit.tenant.id, actorId: null }, (tx) =>
        loadCalendar(tx, next, next),
      );
    const day = `${next}-10-02`;
    await expect(
      running.transactor.withPlatform({ role: 'platform_admin', actorId: null }, async (tx) => {
        await createHoliday(tx, { day, name: 'Sẽ huỷ', name_en: '', kind: 'holiday' }, testActor);
        // Read inside the writing transaction: sees (and may cache) the uncommitted row…
        expect(isWorkingEpochDay(epochDayOf(day), await loadCalendar(tx, next, next))).toBe(false);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    // …which the settle-time invalidation drops.
    expect(isWorkingDay(day, await load())).toBe(isoWeekday(epochDayOf(day)) <= 5);
    expect((await load()).exceptions.size).toBe(0);
  });

  it('a unit may read the calendar but not write it (RLS)', async () => {
    await expect(
      running.transactor.withTenant({ tenantId: unit.tenant.id, actorId: null }, (tx) =>
        tx('holidays').insert({ day: nth(11, 1, 2), name: 'x', kind: 'holiday' }),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});

describe('ensureHolidays: the Vietnamese list for 2025–2027', () => {
  it('is idempotent, keeps the operator’s edits, and makes Tết 2026 non-working', async () => {
    await running.transactor.withSystem((tx) => ensureHolidays(tx, [2026]));
    await as(admin)
      .patch('/holidays/2026-09-01', { name: 'Quốc khánh (ngày liền kề, đã xác nhận)' })
      .expect(200);
    const second = await running.transactor.withSystem((tx) => ensureHolidays(tx, [2026]));
    expect(second).toBe(0);
    const h = await as(unit.keys.desk_officer!).get('/holidays/2026-09-01').expect(200);
    expect(h.body.name).toBe('Quốc khánh (ngày liền kề, đã xác nhận)');
    const cal = await running.transactor.withSystem((tx) => loadCalendar(tx, 2026, 2026));
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-27'])
      expect(isWorkingDay(d, cal), d).toBe(false);
    expect(isWorkingDay('2026-01-10', cal)).toBe(true);
  });
});
