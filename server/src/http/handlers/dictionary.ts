import { z } from 'zod';
import { TENANT_ROLES } from '../../db/transactor';
import { notFound } from '../../errors';
import { auditActorOf } from '../../auth/actor';
import { listFields } from '../../modules/dictionary/queries';
import {
  createFieldInput,
  dictionaryFieldOutput,
  dictionaryFilter,
  dictionaryKey,
  dictionarySortable,
  updateFieldInput,
} from '../../modules/dictionary/schema';
import {
  createField,
  deleteField,
  getField,
  retireField,
  updateField,
} from '../../modules/dictionary/service';
import { listReply } from '../dispatch';
import { parseListParams } from '../list-params';
import { route } from '../route-table';

/** A malformed key names nothing: 404, like a key that does not exist. */
function keyFrom(params: Record<string, string>): string {
  const parsed = dictionaryKey.safeParse(params.key);
  if (!parsed.success) throw notFound({ vi: 'Không có trường dữ liệu này', en: 'No such dictionary field' });
  return parsed.data;
}

const readers = { platform: ['platform_admin', 'finance'], tenant: TENANT_ROLES } as const;
const writers = { platform: ['platform_admin'] } as const;

export const dictionaryRoutes = [
  route({
    method: 'get',
    path: '/dictionary',
    summary: 'Từ điển trường dữ liệu dùng chung / The shared dictionary of form fields',
    tag: 'dictionary',
    list: true,
    response: z.array(dictionaryFieldOutput),
    access: readers,
    handler: async (ctx) => {
      const params = parseListParams(ctx.req.query, {
        sortable: dictionarySortable,
        defaultSort: ['key', 'ASC'],
        filter: dictionaryFilter,
      });
      return listReply('dictionary', await ctx.tx((tx) => listFields(tx, params)));
    },
  }),
  route({
    method: 'get',
    path: '/dictionary/:key',
    summary: 'Một trường dữ liệu / One dictionary field',
    tag: 'dictionary',
    response: dictionaryFieldOutput,
    access: readers,
    handler: async (ctx) => {
      const key = keyFrom(ctx.params);
      return ctx.tx((tx) => getField(tx, key));
    },
  }),
  route({
    method: 'post',
    path: '/dictionary',
    summary: 'Thêm trường dữ liệu / Add a dictionary field',
    tag: 'dictionary',
    body: createFieldInput,
    response: dictionaryFieldOutput,
    access: writers,
    handler: async (ctx) => ({
      status: 201,
      body: await ctx.tx((tx) => createField(tx, ctx.body, auditActorOf(ctx.scope!.actor))),
    }),
  }),
  route({
    method: 'patch',
    path: '/dictionary/:key',
    summary: 'Sửa trường dữ liệu (mọi biểu mẫu nháp dùng trường thấy thay đổi) / Edit a field',
    tag: 'dictionary',
    body: updateFieldInput,
    response: dictionaryFieldOutput,
    access: writers,
    handler: async (ctx) => {
      const key = keyFrom(ctx.params);
      return ctx.tx((tx) => updateField(tx, key, ctx.body, auditActorOf(ctx.scope!.actor)));
    },
  }),
  route({
    method: 'post',
    path: '/dictionary/:key/retire',
    summary: 'Ngừng sử dụng trường dữ liệu / Retire a field',
    tag: 'dictionary',
    response: dictionaryFieldOutput,
    access: writers,
    handler: async (ctx) => {
      const key = keyFrom(ctx.params);
      return {
        status: 200,
        body: await ctx.tx((tx) => retireField(tx, key, auditActorOf(ctx.scope!.actor))),
      };
    },
  }),
  route({
    method: 'delete',
    path: '/dictionary/:key',
    summary:
      'Xoá trường chưa từng được dùng (trường đang dùng chỉ có thể ngừng sử dụng) / Delete an unused field',
    tag: 'dictionary',
    access: writers,
    handler: async (ctx) => {
      const key = keyFrom(ctx.params);
      await ctx.tx((tx) => deleteField(tx, key, auditActorOf(ctx.scope!.actor)));
      return { status: 204 };
    },
  }),
];
