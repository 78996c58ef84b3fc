import { TENANT_ROLES } from '../../db/transactor';
import { dossierAttachmentDownload } from '../../modules/dossiers/attachment-files';
import { route } from '../route-table';
import { dossierIdFrom, objectStore } from './dossier-support';

export const dossierAttachmentRoutes = [
  route({
    method: 'get',
    path: '/dossiers/:id/attachments/:attachmentId',
    summary: 'Xem tệp đính kèm của hồ sơ / One attachment of a dossier, inline',
    tag: 'dossiers',
    access: { tenant: TENANT_ROLES },
    handler: async (ctx) => {
      const id = dossierIdFrom(ctx.params);
      const f = await ctx.tx((tx) =>
        dossierAttachmentDownload(tx, id, ctx.params.attachmentId ?? '', objectStore(ctx)),
      );
      ctx.res.type(f.contentType).setHeader('Content-Disposition', `inline; filename="${f.filename}"`);
      ctx.res.send(Buffer.from(f.bytes));
    },
  }),
];
