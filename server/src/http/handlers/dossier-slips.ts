import { TENANT_ROLES } from '../../db/transactor';
import { AppError } from '../../errors';
import { renderDossierSlip, SLIP_KINDS, type SlipKind } from '../../modules/dossiers/slips';
import { route } from '../route-table';
import { dossierIdFrom } from './dossier-support';

export const dossierSlipRoutes = [
  route({
    method: 'get',
    path: '/dossiers/:id/slips/:slip',
    summary: 'Phiếu in PDF: receipt.pdf, refusal.pdf, supplement.pdf, apology.pdf / A printable slip',
    tag: 'dossiers',
    access: { tenant: TENANT_ROLES },
    handler: async (ctx) => {
      const id = dossierIdFrom(ctx.params);
      const kind = /^([a-z]+)\.pdf$/.exec(ctx.params.slip ?? '')?.[1];
      if (!kind || !(SLIP_KINDS as readonly string[]).includes(kind))
        throw new AppError('not_found', { vi: 'Không có loại phiếu này', en: 'No such slip' });
      const locals = ctx.req.app.locals as { publicUrl?: string };
      const publicUrl = locals.publicUrl ?? `${ctx.req.protocol}://${ctx.req.get('host')}`;
      const { pdf, filename } = await ctx.tx((tx) => renderDossierSlip(tx, id, kind as SlipKind, publicUrl));
      ctx.res.type('application/pdf').setHeader('Content-Disposition', `inline; filename="${filename}"`);
      ctx.res.send(Buffer.from(pdf));
    },
  }),
];
