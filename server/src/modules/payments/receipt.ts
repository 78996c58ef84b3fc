import { findInvoice } from '../../../../billing/src/index';
import type { Tx } from '../../db/transactor';
import { notFound } from '../../errors';
import { renderPaymentReceipt, type PaymentReceiptInput } from '../documents/index';
import { findDossier } from '../dossiers/queries';
import type { Payment } from './queries';

const noReceipt = () =>
  notFound({ vi: 'Khoản thanh toán chưa có biên lai', en: 'This payment has no receipt' });

interface Unit {
  name: string;
  code: string;
}
const unitOf = async (tx: Tx, id: string) =>
  (await tx('tenants').where({ id }).first('name', 'code')) as Unit;

/**
 * The receipt (biên lai) of a paid online payment. The caller has already shown the payment is
 * theirs to see (in their own transaction); this reads what the receipt prints in a system
 * transaction, because the payer of a fee (a citizen) cannot read the unit's procedure.
 */
export async function renderReceiptOf(tx: Tx, p: Payment): Promise<{ pdf: Uint8Array; filename: string }> {
  if (!p.payDate || !['paid', 'partially_refunded', 'refunded'].includes(p.status)) throw noReceipt();
  const common = {
    receiptNumber: p.txnRef,
    paidAt: p.payDate,
    method: 'online' as const,
    transactionRef: p.gatewayTransactionNo ?? p.txnRef,
    collector: 'Cổng thanh toán trực tuyến (VNPAY)',
  };
  let input: PaymentReceiptInput;
  if (p.kind === 'dossier_fee') {
    const d = await findDossier(tx, p.subjectId, { tenantId: p.tenantId });
    if (!d) throw noReceipt();
    const proc = (await tx('procedures')
      .where({ tenant_id: d.tenant_id, id: d.procedure_id })
      .first('name')) as { name: string };
    input = {
      ...common,
      unit: await unitOf(tx, d.tenant_id),
      ...(d.code ? { dossierCode: d.code } : {}),
      procedureName: proc.name,
      payer: {
        fullName: d.applicant.fullName,
        ...(d.applicant.pid || d.applicant.taxCode ? { pid: d.applicant.pid ?? d.applicant.taxCode } : {}),
      },
      items: [{ description: `Phí, lệ phí: ${proc.name}`, amount: p.amount }],
    };
  } else if (p.kind === 'invoice') {
    const inv = await findInvoice(tx, p.subjectId);
    if (!inv) throw noReceipt();
    input = {
      ...common,
      unit: { name: 'Nhà cung cấp dịch vụ Cổng Dịch vụ công', code: 'MOTCUA' },
      payer: { fullName: inv.tenantName, pid: inv.tenantCode },
      items: [{ description: `Thanh toán hóa đơn ${inv.number ?? inv.id}`, amount: p.amount }],
    };
  } else throw noReceipt();
  return { pdf: await renderPaymentReceipt(input), filename: `bien-lai-${p.txnRef}.pdf` };
}
