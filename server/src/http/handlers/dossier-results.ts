import { TENANT_ROLES } from '../../db/transactor';
import { AppError } from '../../errors';
import { issueDossierResult, resultInput, type ResultInput } from '../../modules/dossiers/result';
import { dossierResultDownload, type ResultDownload } from '../../modules/dossiers/result-files';
import { myDataStore } from '../../modules/dossiers/data-store';
import { actionsFor } from '../../modules/dossiers/transition';
import { dossierDetail } from '../../modules/dossiers/views';
import type { SigningKeys } from '../../modules/signing/key-vault';
import { route, type HandlerContext } from '../route-table';
import { citizenActor, dossierIdFrom, objectStore, staffActor } from './dossier-support';

function signingKeys(ctx: HandlerContext): SigningKeys {
  const keys = ctx.req.app.locals.signingKeys as SigningKeys | undefined;
  if (!keys)
    throw new AppError('unavailable', { vi: 'Chưa cấu hình ký số', en: 'Signing is not configured' });
  return keys;
}

function send(ctx: HandlerContext, f: ResultDownload): void {
  ctx.res.type(f.contentType).setHeader('Content-Disposition', `attachment; filename="${f.filename}"`);
  ctx.res.send(Buffer.from(f.bytes));
}

const staffDownload = (part: 'file' | 'signature') => async (ctx: HandlerContext) => {
  const id = dossierIdFrom(ctx.params);
  send(ctx, await ctx.tx((tx) => dossierResultDownload(tx, id, objectStore(ctx), part)));
};

const myDownload = (part: 'file' | 'signature') => async (ctx: HandlerContext) => {
  const id = dossierIdFrom(ctx.params);
  const f = await ctx.transactor.withCitizen(citizenActor(ctx).id, (tx) =>
    dossierResultDownload(tx, id, objectStore(ctx), part),
  );
  send(ctx, f);
};

/** The dossier's result: issued and signed by the unit, downloaded by its staff and its citizen. */
export const dossierResultRoutes = [
  route({
    method: 'post',
    path: '/dossiers/:id/result',
    summary:
      'Ban hành kết quả: tệp đã tải lên (sha256) hoặc nội dung để tạo PDF; ký số, lưu kho kết quả / Issue the signed result',
    tag: 'dossiers',
    body: resultInput,
    access: { tenant: ['desk_officer', 'processing_officer', 'leader'] },
    handler: async (ctx) => {
      const id = dossierIdFrom(ctx.params);
      const deps = { storage: objectStore(ctx), keys: signingKeys(ctx) };
      return ctx.tx(async (tx, grant) => {
        const actor = staffActor(ctx, grant);
        const { dossier, result } = await issueDossierResult(
          tx,
          id,
          ctx.body as ResultInput,
          actor,
          deps,
          new Date(),
        );
        const view = await dossierDetail(tx, dossier, await actionsFor(tx, dossier, actor.roles));
        return { ...view, resultCode: result.code, resultId: result.id };
      });
    },
  }),
  route({
    method: 'get',
    path: '/dossiers/:id/result',
    summary: 'Tải tệp kết quả của hồ sơ / Download the dossier’s result file',
    tag: 'dossiers',
    access: { tenant: TENANT_ROLES },
    handler: staffDownload('file'),
  }),
  route({
    method: 'get',
    path: '/dossiers/:id/result.p7s',
    summary: 'Chữ ký số tách rời (CMS/PKCS#7) của kết quả / The result’s detached signature',
    tag: 'dossiers',
    access: { tenant: TENANT_ROLES },
    handler: staffDownload('signature'),
  }),
  route({
    method: 'get',
    path: '/my/dossiers/:id/result',
    summary: 'Tải kết quả đã ký số của hồ sơ của tôi / Download my signed result',
    tag: 'my',
    access: { citizen: true },
    handler: myDownload('file'),
  }),
  route({
    method: 'get',
    path: '/my/dossiers/:id/result.p7s',
    summary: 'Chữ ký số tách rời của kết quả của tôi / My result’s detached signature (.p7s)',
    tag: 'my',
    access: { citizen: true },
    handler: myDownload('signature'),
  }),
  route({
    method: 'get',
    path: '/my/documents',
    summary: 'Kho dữ liệu cá nhân: giấy tờ và kết quả đã có / My personal data store',
    tag: 'my',
    access: { citizen: true },
    handler: async (ctx) => {
      const id = citizenActor(ctx).id;
      return ctx.transactor.withCitizen(id, (tx) => myDataStore(tx));
    },
  }),
];
