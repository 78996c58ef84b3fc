import { AppError } from '../../errors';
import { actOnDossier } from '../../modules/dossiers/actions';
import { findDossier } from '../../modules/dossiers/queries';
import { submitDossier, submitInput } from '../../modules/dossiers/submit';
import { actionsFor, dossierNotFound } from '../../modules/dossiers/transition';
import { MAX_UPLOAD_BYTES, storeUpload } from '../../modules/dossiers/uploads';
import { dossierDetail, listMyDossiers, trackDossier } from '../../modules/dossiers/views';
import { route, type HandlerContext } from '../route-table';
import { readFileBody } from '../file-body';
import { citizenActor, dossierIdFrom, idempotencyKey, objectStore } from './dossier-support';

function rawBody(ctx: HandlerContext): Promise<Buffer> {
  return readFileBody(ctx, { limit: MAX_UPLOAD_BYTES });
}

async function myDetail(ctx: HandlerContext, id: string) {
  const actor = citizenActor(ctx);
  return ctx.transactor.withCitizen(actor.id, async (tx) => {
    const d = await findDossier(tx, id);
    if (!d) throw dossierNotFound();
    return dossierDetail(tx, d, await actionsFor(tx, d, actor.roles));
  });
}

export const myDossierRoutes = [
  route({
    method: 'post',
    path: '/uploads',
    summary:
      'Tải lên một tệp (thân = tệp PDF/JPEG/PNG ≤ 20 MB; X-Content-SHA256 tùy chọn) → mã băm để đính kèm / Upload a file',
    tag: 'dossiers',
    access: { signedIn: true },
    handler: async (ctx) => {
      const declared = ctx.req.get('x-content-sha256');
      const bytes = await rawBody(ctx);
      const stored = await storeUpload(objectStore(ctx), bytes, {
        mime: ctx.req.get('content-type'),
        sha256: declared,
      });
      return { status: 201, body: stored };
    },
  }),
  route({
    method: 'post',
    path: '/my/dossiers',
    summary: 'Công dân nộp hồ sơ trực tuyến (Idempotency-Key) / A citizen submits a dossier online',
    tag: 'my',
    body: submitInput,
    access: { citizen: true },
    handler: async (ctx) => {
      const r = await submitDossier(
        ctx.transactor,
        ctx.scope!.actor.id,
        ctx.body,
        idempotencyKey(ctx),
        objectStore(ctx),
      );
      return { status: r.created ? 201 : 200, body: await myDetail(ctx, r.dossier.id) };
    },
  }),
  route({
    method: 'get',
    path: '/my/dossiers',
    summary: 'Hồ sơ của tôi / My dossiers',
    tag: 'my',
    access: { citizen: true },
    handler: async (ctx) => {
      const id = ctx.scope!.actor.id;
      return ctx.transactor.withCitizen(id, (tx) => listMyDossiers(tx, id));
    },
  }),
  route({
    method: 'get',
    path: '/my/dossiers/:id',
    summary: 'Chi tiết hồ sơ của tôi / One of my dossiers in full',
    tag: 'my',
    access: { citizen: true },
    handler: async (ctx) => myDetail(ctx, dossierIdFrom(ctx.params)),
  }),
  route({
    method: 'post',
    path: '/my/dossiers/:id/supplement',
    summary: 'Bổ sung hồ sơ theo yêu cầu / Supplement my dossier',
    tag: 'my',
    access: { citizen: true },
    handler: async (ctx) => {
      const id = dossierIdFrom(ctx.params);
      const actor = citizenActor(ctx);
      await ctx.transactor.withCitizen(actor.id, (tx) =>
        actOnDossier(tx, id, 'supplement', {}, actor, new Date()),
      );
      return myDetail(ctx, id);
    },
  }),
  route({
    method: 'get',
    path: '/public/tracking/:code',
    summary: 'Tra cứu tình trạng hồ sơ theo mã (không có dữ liệu cá nhân) / Track a dossier by code',
    tag: 'public',
    access: { public: true },
    handler: async (ctx) => {
      const code = ctx.params.code ?? '';
      const found = /^[0-9A-Za-z.-]{5,80}$/.test(code)
        ? await ctx.publicTx((tx) => trackDossier(tx, code))
        : null;
      if (!found)
        throw new AppError('not_found', {
          vi: 'Không tìm thấy hồ sơ có mã này',
          en: 'No dossier has this code',
        });
      return found;
    },
  }),
];
