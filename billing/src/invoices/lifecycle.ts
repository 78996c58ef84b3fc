import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { addDays, localDate } from '../pricing/dates';
import { getInvoice, invoiceLines } from './queries';
import { nextNumber } from './numbering';
import { SERIES, type Invoice, type InvoiceLine } from './schema';
import { assertInvoiceTransition } from './transitions';

type Tx = Knex.Transaction;

/** Renders the issued invoice (the PDF lives outside billing/, which knows no PDF library). */
export type RenderInvoice = (invoice: Invoice, lines: InvoiceLine[]) => Promise<Uint8Array>;

/**
 * Finance approves a draft: it gets the next number of its series for the year of approval, is
 * issued (due date = issue day + payment terms) and its PDF is stored — in one transaction, so a
 * number is never given to an invoice that did not get issued. The contract year was closed when
 * the run drafted its overage invoice (insertDrafts), not here: usage recorded between the draft and
 * its approval is late and billed by an adjustment.
 */
export async function approveInvoice(
  tx: Tx,
  id: string,
  actorId: string,
  now: Date,
  render: RenderInvoice,
): Promise<Invoice> {
  const before = await getInvoice(tx, id, { forUpdate: true });
  assertInvoiceTransition(before.status, 'approved');
  const today = localDate(now);
  const year = Number(today.slice(0, 4));
  const number = await nextNumber(tx, SERIES[before.kind], year);
  await tx('invoices')
    .where({ tenant_id: before.tenantId, id })
    .update({
      status: 'issued',
      number_year: year,
      number,
      approved_at: now,
      approved_by: actorId,
      issued_at: now,
      due_date: addDays(today, before.paymentTermsDays),
    });
  const issued = await getInvoice(tx, id);
  const pdf = await render(issued, await invoiceLines(tx, issued));
  await tx('invoice_documents').insert({
    tenant_id: issued.tenantId,
    invoice_id: issued.id,
    content_type: 'application/pdf',
    file_name: `${issued.number}.pdf`,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    content: Buffer.from(pdf),
  });
  return issued;
}

/** Voids an invoice not yet paid (a paid one is corrected by a credit note). */
export async function voidInvoice(
  tx: Tx,
  id: string,
  reason: string,
  actorId: string,
  now: Date,
): Promise<Invoice> {
  const before = await getInvoice(tx, id, { forUpdate: true });
  assertInvoiceTransition(before.status, 'void');
  await tx('invoices')
    .where({ tenant_id: before.tenantId, id })
    .update({ status: 'void', voided_at: now, voided_by: actorId, void_reason: reason });
  return getInvoice(tx, id);
}

/** Records a payment finance received outside the gateway (bank transfer, treasury). */
export async function payInvoice(
  tx: Tx,
  id: string,
  input: { reference: string; paidAt?: string },
  actorId: string,
  now: Date,
): Promise<Invoice> {
  const before = await getInvoice(tx, id, { forUpdate: true });
  assertInvoiceTransition(before.status, 'paid');
  await tx('invoices')
    .where({ tenant_id: before.tenantId, id })
    .update({
      status: 'paid',
      paid_at: input.paidAt ? new Date(input.paidAt) : now,
      paid_by: actorId,
      payment_reference: input.reference,
    });
  return getInvoice(tx, id);
}

export async function invoiceDocument(
  tx: Tx,
  invoice: Pick<Invoice, 'id' | 'tenantId'>,
): Promise<{ fileName: string; contentType: string; content: Buffer } | null> {
  const row = (await tx('invoice_documents')
    .select('file_name', 'content_type', 'content')
    .where({ tenant_id: invoice.tenantId, invoice_id: invoice.id })
    .first()) as { file_name: string; content_type: string; content: Buffer } | undefined;
  return row ? { fileName: row.file_name, contentType: row.content_type, content: row.content } : null;
}
