import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { BillingError, invalid } from '../errors';
import { localDate } from '../pricing/dates';
import { getInvoice } from './queries';
import { nextNumber } from './numbering';
import { formatInvoiceNumber, type CreateCreditNoteInput, type Invoice } from './schema';

type Tx = Knex.Transaction;

export interface CreditNote {
  id: string;
  tenantId: string;
  invoiceId: string;
  number: string;
  amount: number;
  reason: string;
  createdBy: string | null;
  createdAt: string;
}

interface CreditNoteRow {
  id: string;
  tenant_id: string;
  invoice_id: string;
  series: string;
  number_year: number;
  number: number;
  amount: number;
  reason: string;
  created_by: string | null;
  created_at: Date;
}

const toCreditNote = (r: CreditNoteRow): CreditNote => ({
  id: r.id,
  tenantId: r.tenant_id,
  invoiceId: r.invoice_id,
  number: formatInvoiceNumber(r.series, r.number_year, r.number),
  amount: r.amount,
  reason: r.reason,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});

/** Renders the credit note with the invoice it corrects (the PDF lives outside billing/). */
export type RenderCreditNote = (note: CreditNote, invoice: Invoice) => Promise<Uint8Array>;

export const creditNoteNotFound = () =>
  new BillingError('not_found', { vi: 'Không tìm thấy hóa đơn điều chỉnh', en: 'Credit note not found' });

/**
 * A credit note against an issued or paid invoice, for at most what earlier notes left of its
 * total. The invoice row is locked first, so two notes written at once cannot together exceed it.
 * Its PDF is rendered and stored in the same transaction: a note is never issued without one.
 */
export async function createCreditNote(
  tx: Tx,
  input: CreateCreditNoteInput,
  actorId: string,
  now: Date,
  render: RenderCreditNote,
): Promise<CreditNote> {
  const invoice = await getInvoice(tx, input.invoiceId, { forUpdate: true });
  if (invoice.status !== 'issued' && invoice.status !== 'paid')
    throw new BillingError('conflict', {
      vi: 'Chỉ lập hóa đơn điều chỉnh giảm cho hóa đơn đã phát hành hoặc đã thanh toán',
      en: 'Credit notes apply only to issued or paid invoices',
    });
  const remaining = invoice.total - invoice.credited;
  if (input.amount > remaining)
    throw invalid(
      'amount',
      `Số tiền điều chỉnh vượt phần còn lại của hóa đơn (${remaining.toLocaleString('vi-VN')} ₫)`,
      `The amount exceeds what is left of the invoice (${remaining} đồng)`,
    );
  const year = Number(localDate(now).slice(0, 4));
  const number = await nextNumber(tx, 'CN', year);
  const [row] = (await tx('credit_notes')
    .insert({
      tenant_id: invoice.tenantId,
      invoice_id: invoice.id,
      number_year: year,
      number,
      amount: input.amount,
      reason: input.reason,
      created_by: actorId,
      created_at: now,
    })
    .returning('*')) as CreditNoteRow[];
  const note = toCreditNote(row!);
  const pdf = await render(note, invoice);
  await tx('credit_note_documents').insert({
    tenant_id: note.tenantId,
    credit_note_id: note.id,
    content_type: 'application/pdf',
    file_name: `${note.number}.pdf`,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    content: Buffer.from(pdf),
    created_at: now,
  });
  return note;
}

export async function creditNoteDocument(
  tx: Tx,
  note: Pick<CreditNote, 'id' | 'tenantId'>,
): Promise<{ fileName: string; contentType: string; content: Buffer } | null> {
  const row = (await tx('credit_note_documents')
    .select('file_name', 'content_type', 'content')
    .where({ tenant_id: note.tenantId, credit_note_id: note.id })
    .first()) as { file_name: string; content_type: string; content: Buffer } | undefined;
  return row ? { fileName: row.file_name, contentType: row.content_type, content: row.content } : null;
}

export async function findCreditNote(tx: Tx, id: string): Promise<CreditNote | null> {
  const row = (await tx('credit_notes').where({ id }).first()) as CreditNoteRow | undefined;
  return row ? toCreditNote(row) : null;
}

export async function listCreditNotes(
  tx: Tx,
  p: { range: { from: number; to: number }; filter: { tenantId?: string; invoiceId?: string } },
) {
  const base = tx('credit_notes');
  if (p.filter.tenantId) base.where('tenant_id', p.filter.tenantId);
  if (p.filter.invoiceId) base.where('invoice_id', p.filter.invoiceId);
  const countRow = (await base.clone().count({ n: '*' }).first()) as { n: number | string };
  const rows = (await base
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .offset(p.range.from)
    .limit(p.range.to - p.range.from + 1)) as CreditNoteRow[];
  return {
    rows: rows.map(toCreditNote),
    total: Number(countRow.n),
    from: p.range.from,
    to: p.range.from + Math.max(rows.length - 1, 0),
  };
}
