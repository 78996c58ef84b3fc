import { header, signatures, title } from './common';
import { amountInWords, formatDate, formatMoney } from './format';
import { SlipWriter } from './layout';
import type { PaymentReceiptInput } from './schema';

export const PAYMENT_TITLE = 'BIÊN LAI THU PHÍ, LỆ PHÍ';

const METHODS: Record<PaymentReceiptInput['method'], string> = {
  cash: 'Tiền mặt',
  transfer: 'Chuyển khoản',
  online: 'Thanh toán trực tuyến',
};

/** The fee receipt: items and amounts in đồng, the total, and the total in words. */
export async function renderPaymentReceipt(input: PaymentReceiptInput): Promise<Uint8Array> {
  for (const item of input.items)
    if (!Number.isSafeInteger(item.amount) || item.amount < 0)
      throw new Error(`a fee is a non-negative whole number of đồng, not ${item.amount}`);
  const total = input.items.reduce((s, i) => s + i.amount, 0);
  const w = await SlipWriter.create({
    title: `${PAYMENT_TITLE} ${input.receiptNumber}`,
    subject: input.procedureName ?? PAYMENT_TITLE,
    createdAt: input.paidAt,
  });
  header(w, {
    unit: input.unit,
    reference: [...(input.series ? [`Ký hiệu: ${input.series}`] : []), `Số: ${input.receiptNumber}`],
    date: input.paidAt,
  });
  title(w, PAYMENT_TITLE);
  w.field('Tên đơn vị thu phí, lệ phí:', input.unit.name);
  w.field('Người nộp:', input.payer.fullName);
  if (input.payer.pid) w.field('Số định danh cá nhân/Mã số thuế:', input.payer.pid);
  if (input.payer.address) w.field('Địa chỉ:', input.payer.address);
  if (input.dossierCode) w.field('Mã hồ sơ:', input.dossierCode);
  if (input.procedureName) w.field('Thủ tục:', input.procedureName);
  w.field('Ngày nộp:', formatDate(input.paidAt));
  w.field(
    'Hình thức thanh toán:',
    METHODS[input.method] + (input.transactionRef ? ` (mã giao dịch ${input.transactionRef})` : ''),
  );
  w.gap(4);
  w.table(
    [
      { header: 'STT', width: 8, align: 'center' },
      { header: 'Nội dung thu', width: 64 },
      { header: 'Số tiền', width: 28, align: 'right' },
    ],
    [
      ...input.items.map((item, i) => [String(i + 1), item.description, formatMoney(item.amount)]),
      ['', 'Tổng cộng', formatMoney(total)],
    ],
  );
  w.gap(6);
  if (input.amountInWords !== false) w.field('Số tiền bằng chữ:', amountInWords(total));
  signatures(w, [
    { role: 'Người nộp tiền', name: input.payer.fullName },
    { role: 'Người thu tiền', name: input.collector },
  ]);
  return w.finish();
}
