import { z } from 'zod';
import {
  createCreditNote,
  createCreditNoteInput,
  creditNoteDocument,
  creditNoteNotFound,
  findCreditNote,
  listCreditNotes,
} from '../../../../billing/src/index';
import { auditActorOf } from '../../auth/actor';
import { appendTenantAudit, systemClock } from '../../modules/audit/audit-log';
import { renderCreditNotePdf } from '../../modules/invoices/pdf';
import { listReply } from '../dispatch';
import { parseListParams } from '../list-params';
import { route } from '../route-table';
import { billingReaders } from './invoices';
import { idFrom } from '../ids';

const creditNoteFilter = z.object({ tenantId: z.uuid().optional(), invoiceId: z.uuid().optional() }).strict();

/** Credit notes (hóa đơn điều chỉnh giảm): the only correction of an issued invoice. */
export const creditNoteRoutes = [
  route({
    method: 'get',
    path: '/credit-notes',
    summary: 'Hóa đơn điều chỉnh giảm / Credit notes',
    tag: 'invoices',
    list: true,
    access: billingReaders,
    handler: async (ctx) => {
      const params = parseListParams(ctx.req.query, {
        sortable: ['createdAt'],
        defaultSort: ['createdAt', 'DESC'],
        filter: creditNoteFilter,
      });
      const page = await ctx.tx((tx, grant) =>
        listCreditNotes(
          tx,
          grant.kind === 'tenant'
            ? { ...params, filter: { ...params.filter, tenantId: grant.tenantId } }
            : params,
        ),
      );
      return listReply('credit-notes', page);
    },
  }),
  route({
    method: 'get',
    path: '/credit-notes/:id',
    summary: 'Một hóa đơn điều chỉnh giảm / One credit note',
    tag: 'invoices',
    access: billingReaders,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      const note = await ctx.tx((tx) => findCreditNote(tx, id));
      if (!note) throw creditNoteNotFound();
      return note;
    },
  }),
  route({
    method: 'get',
    path: '/credit-notes/:id/pdf',
    summary: 'Bản PDF của hóa đơn điều chỉnh giảm / The credit note as PDF',
    tag: 'invoices',
    access: billingReaders,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      const doc = await ctx.tx(async (tx) => {
        const note = await findCreditNote(tx, id);
        return note ? creditNoteDocument(tx, note) : null;
      });
      if (!doc) throw creditNoteNotFound();
      ctx.res
        .status(200)
        .type(doc.contentType)
        .setHeader('Content-Disposition', `inline; filename="${doc.fileName}"`)
        .send(doc.content);
    },
  }),
  route({
    method: 'post',
    path: '/credit-notes',
    summary: 'Lập hóa đơn điều chỉnh giảm cho hóa đơn đã phát hành / Credit an issued invoice',
    tag: 'invoices',
    body: createCreditNoteInput,
    access: { platform: ['finance'] },
    handler: async (ctx) => {
      const now = systemClock();
      const actor = auditActorOf(ctx.scope!.actor);
      const note = await ctx.tx(async (tx) => {
        const n = await createCreditNote(tx, ctx.body, actor.id, now, renderCreditNotePdf);
        await appendTenantAudit(
          tx,
          n.tenantId,
          actor,
          {
            action: 'credit_note.issued',
            entityType: 'credit_note',
            entityId: n.id,
            data: { invoiceId: n.invoiceId, amount: n.amount, number: n.number },
          },
          () => now,
        );
        return n;
      });
      return { status: 201, body: note };
    },
  }),
];
