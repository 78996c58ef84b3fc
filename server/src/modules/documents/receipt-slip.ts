import { applicantLines, header, ONE_STOP_DESK, signatures, title } from './common';
import { formatMoney, formatTimeLong } from './format';
import { SlipWriter } from './layout';
import type { ReceiptSlipInput } from './schema';

export const RECEIPT_TITLE = 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ';
const QR_SIZE = 84;

/** Mẫu số 01 (TT 01/2018/TT-VPCP): the receipt-and-appointment slip, with a QR code to the tracking page. */
export async function renderReceiptSlip(input: ReceiptSlipInput): Promise<Uint8Array> {
  const w = await SlipWriter.create({
    title: `${RECEIPT_TITLE} ${input.dossierCode}`,
    subject: input.procedureName,
    createdAt: input.receivedAt,
  });
  header(w, {
    unit: input.unit,
    office: ONE_STOP_DESK,
    reference: [`Mã hồ sơ: ${input.dossierCode}`],
    date: input.receivedAt,
  });
  title(w, RECEIPT_TITLE, '(Liên: Lưu/Giao người nộp hồ sơ)');

  w.paragraph([
    { text: 'Bộ phận tiếp nhận và trả kết quả' },
    { text: input.unit.name, style: 'bold' },
    { text: 'tiếp nhận hồ sơ của:' },
  ]);
  applicantLines(w, input.applicant, 'Ông/Bà:');
  w.field('Nội dung yêu cầu giải quyết:', input.procedureName);
  w.gap(4);
  w.text('1. Thành phần hồ sơ nộp gồm:', { style: 'bold' });
  w.gap(2);
  w.table(
    [
      { header: 'STT', width: 7, align: 'center' },
      { header: 'Tên loại giấy tờ', width: 61 },
      { header: 'Bản chính', width: 11, align: 'center' },
      { header: 'Bản sao', width: 11, align: 'center' },
      { header: 'Ghi chú', width: 16 },
    ],
    input.papers.map((p, i) => [String(i + 1), p.name, String(p.originals), String(p.copies), p.note ?? '']),
  );
  w.gap(6);
  w.field('2. Số lượng hồ sơ:', '01 (bộ)');
  if (input.processingDays !== undefined)
    w.field('3. Thời gian giải quyết hồ sơ theo quy định là:', `${input.processingDays} ngày làm việc`);
  w.field('4. Thời gian nhận hồ sơ:', formatTimeLong(input.receivedAt));
  w.field('5. Thời gian trả kết quả giải quyết hồ sơ:', formatTimeLong(input.dueAt));
  w.field(
    '6. Đăng ký nhận kết quả tại:',
    input.resultDelivery ?? `Bộ phận tiếp nhận và trả kết quả ${input.unit.name}`,
  );
  if (input.fee !== undefined)
    w.field('7. Phí, lệ phí:', input.fee === 0 ? 'Không thu' : formatMoney(input.fee));

  // The QR code and the tracking address beside it.
  w.gap(8);
  w.ensure(QR_SIZE);
  const top = w.cursor;
  w.qrCode(input.trackingUrl, { x: w.left, size: QR_SIZE });
  const textX = w.left + QR_SIZE + 12;
  w.gap(10);
  w.text('Quét mã để tra cứu tình trạng hồ sơ, hoặc truy cập:', {
    x: textX,
    width: w.width - QR_SIZE - 12,
    size: 10,
    style: 'italic',
  });
  w.text(input.trackingUrl, { x: textX, width: w.width - QR_SIZE - 12, size: 10 });
  w.text(`Mã hồ sơ: ${input.dossierCode}`, {
    x: textX,
    width: w.width - QR_SIZE - 12,
    size: 10,
    style: 'bold',
  });
  w.moveTo(Math.min(w.cursor, top - QR_SIZE));

  signatures(w, [
    { role: 'Người nộp hồ sơ', name: input.applicant.fullName },
    { role: 'Người tiếp nhận hồ sơ', name: input.deskOfficer },
  ]);
  return w.finish();
}
