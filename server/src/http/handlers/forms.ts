import { z } from 'zod';
import { TENANT_ROLES } from '../../db/transactor';
import { AppError, notFound } from '../../errors';
import { auditActorOf } from '../../auth/actor';
import {
  createFormInput,
  formFilter,
  formOutput,
  formSortable,
  formVersionOutput,
  formVersionSummaryOutput,
  previewDraftInput,
  previewOutput,
  updateFormInput,
  validateInput,
  type FormVersion,
} from '../../modules/forms/schema';
import {
  compileDraft,
  createForm,
  getForm,
  getVersion,
  listForms,
  listVersions,
  previewForm,
  publishForm,
  updateForm,
} from '../../modules/forms/service';
import { submissionPackageJsonSchema } from '../../modules/forms/submission/package';
import { validateSubmission } from '../../modules/forms/submission/validate';
import { listReply } from '../dispatch';
import { parseListParams } from '../list-params';
import { route } from '../route-table';
import { idFrom } from '../ids';

const versionParam = z.coerce.number().int().positive().max(1_000_000);

function versionFrom(params: Record<string, string>): number {
  const parsed = versionParam.safeParse(params.version);
  if (!parsed.success)
    throw notFound({ vi: 'Không tìm thấy phiên bản biểu mẫu', en: 'Form version not found' });
  return parsed.data;
}

const withoutTenant = ({ tenantId: _t, ...v }: FormVersion) => v;

const readers = { platform: ['platform_admin'], tenant: TENANT_ROLES } as const;
const builders = { tenant: ['tenant_admin'] } as const;

const tenantOnly = (grant: { kind: string; tenantId?: string }): string => {
  if (grant.kind !== 'tenant' || !grant.tenantId)
    throw new AppError('tenant_required', { vi: 'Cần chọn đơn vị', en: 'Choose a unit' });
  return grant.tenantId;
};

export const formRoutes = [
  route({
    method: 'get',
    path: '/forms',
    summary: 'Biểu mẫu trực tuyến của đơn vị / The unit’s online forms',
    tag: 'forms',
    list: true,
    response: z.array(formOutput),
    access: readers,
    handler: async (ctx) => {
      const params = parseListParams(ctx.req.query, {
        sortable: formSortable,
        defaultSort: ['updatedAt', 'DESC'],
        filter: formFilter,
      });
      return listReply('forms', await ctx.tx((tx) => listForms(tx, params)));
    },
  }),
  route({
    method: 'get',
    path: '/forms/:id',
    summary: 'Một biểu mẫu (bản nháp) / One form and its draft',
    tag: 'forms',
    response: formOutput,
    access: readers,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return ctx.tx((tx) => getForm(tx, id));
    },
  }),
  route({
    method: 'post',
    path: '/forms',
    summary: 'Tạo biểu mẫu cho thủ tục / Create a procedure’s form',
    tag: 'forms',
    body: createFormInput,
    response: formOutput,
    access: builders,
    handler: async (ctx) => ({
      status: 201,
      body: await ctx.tx((tx, grant) =>
        createForm(tx, tenantOnly(grant), ctx.body, auditActorOf(ctx.scope!.actor)),
      ),
    }),
  }),
  route({
    method: 'patch',
    path: '/forms/:id',
    summary: 'Sửa bản nháp biểu mẫu / Edit a form’s draft',
    tag: 'forms',
    body: updateFormInput,
    response: formOutput,
    access: builders,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return ctx.tx((tx) => updateForm(tx, id, ctx.body, auditActorOf(ctx.scope!.actor)));
    },
  }),
  route({
    method: 'post',
    path: '/forms/:id/publish',
    summary: 'Công bố phiên bản mới (bất biến) / Publish the draft as the next immutable version',
    tag: 'forms',
    response: formVersionOutput,
    access: builders,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      const v = await ctx.tx((tx) => publishForm(tx, id, auditActorOf(ctx.scope!.actor)));
      return { status: 201, body: withoutTenant(v) };
    },
  }),
  route({
    method: 'get',
    path: '/forms/:id/preview',
    summary: 'Xem trước bản nháp (JSON Schema + bố cục) / Compile the draft without publishing',
    tag: 'forms',
    response: previewOutput,
    access: readers,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return ctx.tx((tx) => previewForm(tx, id));
    },
  }),
  route({
    method: 'post',
    path: '/forms/preview',
    summary:
      'Biên dịch một bản nháp gửi kèm, không lưu (xem trước trực tiếp) / Compile a draft sent in the body, storing nothing',
    tag: 'forms',
    body: previewDraftInput,
    response: previewOutput,
    access: builders,
    handler: async (ctx) => ({ status: 200, body: await ctx.tx((tx) => compileDraft(tx, ctx.body.draft)) }),
  }),
  route({
    method: 'get',
    path: '/forms/:id/versions',
    summary: 'Các phiên bản đã công bố / Published versions',
    tag: 'forms',
    list: true,
    response: z.array(formVersionSummaryOutput),
    access: readers,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      const rows = await ctx.tx((tx) => listVersions(tx, id));
      return listReply('versions', { rows, total: rows.length, from: 0, to: Math.max(rows.length - 1, 0) });
    },
  }),
  route({
    method: 'get',
    path: '/forms/:id/versions/:version',
    summary: 'Một phiên bản: định nghĩa, JSON Schema, bố cục / One version',
    tag: 'forms',
    response: formVersionOutput,
    access: readers,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      const version = versionFrom(ctx.params);
      return withoutTenant(await ctx.tx((tx) => getVersion(tx, id, version)));
    },
  }),
  route({
    method: 'post',
    path: '/forms/:id/versions/:version/validate',
    summary: 'Kiểm tra dữ liệu tờ khai theo phiên bản / Validate form data against a version',
    tag: 'forms',
    body: validateInput,
    response: z.object({ valid: z.literal(true) }),
    access: { tenant: TENANT_ROLES },
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      const version = versionFrom(ctx.params);
      const v = await ctx.tx((tx) => getVersion(tx, id, version));
      validateSubmission(v, ctx.body.data);
      return { status: 200, body: { valid: true } };
    },
  }),
  route({
    method: 'get',
    path: '/public/schemas/submission-package.json',
    summary: 'JSON Schema của gói hồ sơ nộp / JSON Schema of the submission package',
    tag: 'public',
    access: { public: true },
    handler: async () => submissionPackageJsonSchema(),
  }),
];
