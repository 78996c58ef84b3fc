import { BillingError } from '../errors';
import type { InvoiceStatus } from './schema';

/**
 * The invoice's state machine as data. Approval numbers and issues the invoice in one transaction
 * (so `approved` is passed through on the way to `issued`); paid and void are final: a paid
 * invoice is corrected by a credit note, never voided. The database trigger enforces the same.
 */
export const invoiceTransitions: Record<InvoiceStatus, readonly InvoiceStatus[]> = {
  draft: ['approved', 'void'],
  approved: ['issued', 'void'],
  issued: ['paid', 'void'],
  paid: [],
  void: [],
};

/** The HTTP action leading to each status. */
const actionOf: Partial<Record<InvoiceStatus, string>> = { approved: 'approve', paid: 'pay', void: 'void' };

const words: Record<InvoiceStatus, string> = {
  draft: 'nháp',
  approved: 'đã duyệt',
  issued: 'đã phát hành',
  paid: 'đã thanh toán',
  void: 'đã hủy',
};

export function invoiceActions(status: InvoiceStatus): string[] {
  return invoiceTransitions[status].flatMap((s) => (actionOf[s] ? [actionOf[s]] : []));
}

export function assertInvoiceTransition(from: InvoiceStatus, to: InvoiceStatus): void {
  if (invoiceTransitions[from].includes(to)) return;
  const hint =
    from === 'paid' && to === 'void'
      ? { vi: ' Hãy lập hóa đơn điều chỉnh giảm (credit note).', en: ' Issue a credit note instead.' }
      : { vi: '', en: '' };
  throw new BillingError('conflict', {
    vi: `Không thể chuyển hóa đơn từ trạng thái "${words[from]}" sang "${words[to]}".${hint.vi}`,
    en: `An invoice cannot go from ${from} to ${to}.${hint.en}`,
  });
}
