import { z } from 'zod';
import { TENANT_ROLES } from '../../db/transactor';
import { actOnDossier, actionInputs, type SimpleAction } from '../../modules/dossiers/actions';
import { findDossier } from '../../modules/dossiers/queries';
import { receiveDossier } from '../../modules/dossiers/receive';
import { createDossier, deskEntryInput } from '../../modules/dossiers/submit';
import { actionsFor, dossierNotFound } from '../../modules/dossiers/transition';
import { dossierDetail, dossierFilter, dossierSortable, listDossiers } from '../../modules/dossiers/views';
import { listReply } from '../dispatch';
import { parseListParams } from '../list-params';
import { route, tenantIdOf, type Grant, type HandlerContext } from '../route-table';
import { dossierIdFrom, idempotencyKey, objectStore, staffActor } from './dossier-support';

const OFFICERS = ['desk_officer', 'processing_officer', 'leader'] as const;

/** The dossier as the staff member sees it after an action, with what they may do next. */
export async function detailFor(ctx: HandlerContext, id: string) {
  return ctx.tx(async (tx, grant) => {
    const d = await findDossier(tx, id);
    if (!d) throw dossierNotFound();
    return dossierDetail(tx, d, await actionsFor(tx, d, staffActor(ctx, grant).roles));
  });
}

function actionRoute<A extends SimpleAction>(action: A, summary: string) {
  return route({
    method: 'post',
    path: `/dossiers/:id/${action}`,
    summary,
    tag: 'dossiers',
    body: actionInputs[action],
    access: { tenant: OFFICERS },
    handler: async (ctx) => {
      const id = dossierIdFrom(ctx.params);
      const input = ctx.body as z.infer<(typeof actionInputs)[A]>;
      // The reply is read in the action's own transaction, from the row the move returned.
      return ctx.tx(async (tx, grant: Grant) => {
        const actor = staffActor(ctx, grant);
        const d = await actOnDossier(tx, id, action, input, actor, new Date());
        return dossierDetail(tx, d, await actionsFor(tx, d, actor.roles));
      });
    },
  });
}

export const dossierRoutes = [
  route({
    method: 'get',
    path: '/dossiers',
    summary:
      'Hồ sơ của đơn vị (lọc status, procedureId, assigneeId ("me"), q không dấu, dueBefore) / The unit’s dossiers',
    tag: 'dossiers',
    list: true,
    access: { tenant: TENANT_ROLES },
    handler: async (ctx) => {
      const params = parseListParams(ctx.req.query, {
        sortable: dossierSortable,
        defaultSort: ['submittedAt', 'DESC'],
        filter: dossierFilter,
      });
      const actorId = ctx.scope!.actor.id;
      return listReply(
        'dossiers',
        await ctx.tx((tx, grant) => listDossiers(tx, tenantIdOf(grant), actorId, params)),
      );
    },
  }),
  route({
    method: 'get',
    path: '/dossiers/:id',
    summary:
      'Một hồ sơ: tờ khai, thành phần, quá trình xử lý, thao tác được phép / One dossier with its timeline',
    tag: 'dossiers',
    access: { tenant: TENANT_ROLES },
    handler: async (ctx) => detailFor(ctx, dossierIdFrom(ctx.params)),
  }),
  route({
    method: 'post',
    path: '/dossiers',
    summary:
      'Nhập hồ sơ tại quầy hoặc qua bưu chính cho thủ tục của đơn vị (Idempotency-Key) / Enter a desk or postal dossier',
    tag: 'dossiers',
    body: deskEntryInput,
    access: { tenant: ['desk_officer'] },
    handler: async (ctx) => {
      const key = idempotencyKey(ctx);
      const store = objectStore(ctx);
      const out = await ctx.tx(async (tx, grant) => {
        const tenantId = tenantIdOf(grant);
        const r = await createDossier(tx, {
          input: ctx.body,
          applicant: ctx.body.applicant,
          channel: ctx.body.channel,
          citizenId: null,
          store,
          now: new Date(),
          idempotency: key ? { scope: `unit:${tenantId}`, key } : null,
          actor: { kind: ctx.scope!.actor.kind, id: ctx.scope!.actor.id },
        });
        return {
          ...r,
          view: await dossierDetail(
            tx,
            r.dossier,
            await actionsFor(tx, r.dossier, staffActor(ctx, grant).roles),
          ),
        };
      });
      return { status: out.created ? 201 : 200, body: out.view };
    },
  }),
  route({
    method: 'post',
    path: '/dossiers/:id/receive',
    summary: 'Tiếp nhận hồ sơ: cấp mã, hẹn ngày trả, ghi nhận sử dụng / Receive: code, due date, usage',
    tag: 'dossiers',
    access: { tenant: OFFICERS },
    handler: async (ctx) => {
      const id = dossierIdFrom(ctx.params);
      const view = await ctx.tx(async (tx, grant) => {
        const actor = staffActor(ctx, grant);
        const d = await receiveDossier(tx, id, actor, new Date());
        return dossierDetail(tx, d, await actionsFor(tx, d, actor.roles));
      });
      return { ...view, receiptSlip: `/api/v1/dossiers/${view.id}/slips/receipt.pdf` };
    },
  }),
  actionRoute('refuse', 'Từ chối tiếp nhận, nêu lý do / Refuse with reasons'),
  actionRoute(
    'request-supplement',
    'Yêu cầu bổ sung (dừng đếm thời hạn) / Request a supplement (the clock stops)',
  ),
  actionRoute(
    'supplement',
    'Bổ sung hồ sơ tại quầy (thời hạn tiếp tục) / Supplement at the desk (the clock resumes)',
  ),
  actionRoute('assign', 'Phân công xử lý / Assign'),
  actionRoute('approve', 'Hoàn thành bước / phê duyệt / Approve the current step'),
  actionRoute('send-back', 'Trả lại bước trước, nêu lý do / Send back to the previous step'),
  actionRoute('return', 'Trả kết quả (quầy, bưu chính, trực tuyến) / Return the result'),
  actionRoute('apologize', 'Thư xin lỗi, hẹn lại ngày trả / Apology slip with a new date'),
];
