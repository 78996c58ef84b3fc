import { z } from 'zod';
import { auditActorOf } from '../../auth/actor';
import { TENANT_ROLES } from '../../db/transactor';
import { notFound } from '../../errors';
import { isLocalDate } from '../../modules/calendar/local-time';
import { listHolidays } from '../../modules/calendar/queries';
import {
  createHolidayInput,
  holidayFilter,
  holidayOutput,
  holidaySortable,
  importHolidaysInput,
  importHolidaysOutput,
  updateHolidayInput,
} from '../../modules/calendar/schema';
import {
  createHoliday,
  deleteHoliday,
  getHoliday,
  importHolidayYear,
  updateHoliday,
} from '../../modules/calendar/service';
import { listReply } from '../dispatch';
import { parseListParams } from '../list-params';
import { route, type HandlerContext } from '../route-table';

/** A malformed day names nothing: 404, like a day that is not in the calendar. */
function dayFrom(params: Record<string, string>): string {
  const day = params.day ?? '';
  if (!isLocalDate(day))
    throw notFound({ vi: 'Không có ngày này trong lịch', en: 'No such day in the calendar' });
  return day;
}

const readers = { platform: ['platform_admin', 'finance'], tenant: TENANT_ROLES } as const;
const writers = { platform: ['platform_admin'] } as const;
const actorOf = (ctx: HandlerContext) => auditActorOf(ctx.scope!.actor);

/** The operator's holiday calendar (DOMAIN §10): platform_admin writes, every staff member reads. */
export const holidayRoutes = [
  route({
    method: 'get',
    path: '/holidays',
    summary: 'Lịch ngày nghỉ lễ và ngày làm bù / Holidays and compensatory workdays',
    tag: 'holidays',
    list: true,
    response: z.array(holidayOutput),
    access: readers,
    handler: async (ctx) => {
      const params = parseListParams(ctx.req.query, {
        sortable: holidaySortable,
        defaultSort: ['day', 'ASC'],
        filter: holidayFilter,
      });
      return listReply('holidays', await ctx.tx((tx) => listHolidays(tx, params)));
    },
  }),
  route({
    method: 'get',
    path: '/holidays/:day',
    summary: 'Một ngày trong lịch / One day of the calendar',
    tag: 'holidays',
    response: holidayOutput,
    access: readers,
    handler: async (ctx) => {
      const day = dayFrom(ctx.params);
      return ctx.tx((tx) => getHoliday(tx, day));
    },
  }),
  route({
    method: 'post',
    path: '/holidays',
    summary: 'Thêm ngày nghỉ hoặc ngày làm bù / Add a holiday or compensatory workday',
    tag: 'holidays',
    body: createHolidayInput,
    response: holidayOutput,
    access: writers,
    handler: async (ctx) => ({
      status: 201,
      body: await ctx.tx((tx) => createHoliday(tx, ctx.body, actorOf(ctx))),
    }),
  }),
  route({
    method: 'post',
    path: '/holidays/import',
    summary:
      'Nhập danh sách ngày của một năm (thay thế cả năm, tất cả hoặc không) / Import a year’s list (replaces the year, all or nothing)',
    tag: 'holidays',
    body: importHolidaysInput,
    response: importHolidaysOutput,
    access: writers,
    handler: async (ctx) => ctx.tx((tx) => importHolidayYear(tx, ctx.body, actorOf(ctx))),
  }),
  route({
    method: 'patch',
    path: '/holidays/:day',
    summary: 'Sửa một ngày trong lịch / Edit a day of the calendar',
    tag: 'holidays',
    body: updateHolidayInput,
    response: holidayOutput,
    access: writers,
    handler: async (ctx) => {
      const day = dayFrom(ctx.params);
      return ctx.tx((tx) => updateHoliday(tx, day, ctx.body, actorOf(ctx)));
    },
  }),
  route({
    method: 'delete',
    path: '/holidays/:day',
    summary: 'Xoá một ngày khỏi lịch / Remove a day from the calendar',
    tag: 'holidays',
    access: writers,
    handler: async (ctx) => {
      const day = dayFrom(ctx.params);
      await ctx.tx((tx) => deleteHoliday(tx, day, actorOf(ctx)));
      return { status: 204 };
    },
  }),
];
