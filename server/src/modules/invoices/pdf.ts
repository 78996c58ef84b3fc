import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { localDate, type CreditNote, type Invoice, type InvoiceLine } from '../../../../billing/src/index';
import { amountInWords } from '../documents/index';

// DejaVu Sans has every Vietnamese glyph; read once per process. There is no shared PDF helper in
// server/src/modules/documents yet; when there is, this should move onto it.
const require = createRequire(import.meta.url);
let fontBytes: Buffer | null = null;
const font = () => (fontBytes ??= readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')));

const dong = (n: number) => `${n.toLocaleString('vi-VN')} ₫`;
/** The calendar day (Asia/Ho_Chi_Minh) of an ISO instant. */
const localDay = (iso: string) => localDate(new Date(iso));
const date = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
const kindVi: Record<Invoice['kind'], string> = {
  lease: 'HÓA ĐƠN PHÍ THUÊ DỊCH VỤ',
  overage: 'HÓA ĐƠN CƯỚC VƯỢT ĐỊNH MỨC',
  adjustment: 'HÓA ĐƠN BỔ SUNG CƯỚC VƯỢT ĐỊNH MỨC',
};

/** Breaks text into lines that fit `width` at `size`. */
function wrap(text: string, f: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (f.widthOfTextAtSize(next, size) > width && line) {
      out.push(line);
      line = word;
    } else line = next;
  }
  if (line) out.push(line);
  return out;
}

/** The issued invoice as a one-page A4 PDF in Vietnamese (amounts in đồng, dates dd/MM/yyyy). */
export async function renderInvoicePdf(invoice: Invoice, lines: InvoiceLine[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const f = await doc.embedFont(font(), { subset: true });
  doc.setTitle(`Hóa đơn ${invoice.number ?? ''}`);
  let page: PDFPage = doc.addPage([595, 842]);
  let y = 800;
  const text = (s: string, x: number, size = 10) =>
    page.drawText(s, { x, y, size, font: f, color: rgb(0, 0, 0) });
  const next = (dy = 16) => {
    y -= dy;
    if (y < 60) {
      page = doc.addPage([595, 842]);
      y = 800;
    }
  };
  text(kindVi[invoice.kind], 150, 15);
  next(22);
  text(
    `Số: ${invoice.number ?? ''}    Ngày phát hành: ${date(invoice.issuedAt ? localDay(invoice.issuedAt) : null)}`,
    50,
  );
  next();
  text(`Đơn vị: ${invoice.tenantName} (${invoice.tenantCode})`, 50);
  next();
  text(
    `Kỳ: ${date(invoice.periodStart)} – ${date(invoice.periodEnd)}    Hạn thanh toán: ${date(invoice.dueDate)}`,
    50,
  );
  next(26);
  text('STT', 50);
  text('Nội dung', 80);
  text('SL', 340);
  text('Đơn giá', 390);
  text('Thành tiền', 480);
  next();
  for (const l of lines) {
    text(String(l.lineNo), 50);
    text(l.quantity.toLocaleString('vi-VN'), 340);
    text(dong(l.unitPrice), 390, 9);
    text(dong(l.amount), 480, 9);
    for (const part of wrap(l.descriptionVi, f, 9, 250)) {
      text(part, 80, 9);
      next(12);
    }
    next(6);
  }
  next(10);
  text(`Cộng tiền hàng: ${dong(invoice.subtotal)}`, 330);
  next();
  text(`Thuế GTGT (${invoice.vatRateBp / 100}%): ${dong(invoice.vatAmount)}`, 330);
  next();
  text(`Tổng cộng thanh toán: ${dong(invoice.total)}`, 330, 11);
  return doc.save();
}

/**
 * A credit note (hóa đơn điều chỉnh giảm) as a one-page A4 PDF in Vietnamese: the invoice it
 * corrects (number, date, total), the amount credited in figures and words, and the reason. The
 * title and subject carry the numbers and the amount too, for readers that index metadata.
 */
export async function renderCreditNotePdf(note: CreditNote, invoice: Invoice): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const f = await doc.embedFont(font(), { subset: true });
  doc.setTitle(`Hóa đơn điều chỉnh giảm ${note.number}`);
  doc.setSubject(`Điều chỉnh giảm hóa đơn ${invoice.number ?? ''}: ${dong(note.amount)}`);
  doc.setKeywords([note.number, invoice.number ?? '', String(note.amount)]);
  doc.setLanguage('vi-VN');
  const page = doc.addPage([595, 842]);
  let y = 800;
  const text = (s: string, x: number, size = 10) =>
    page.drawText(s, { x, y, size, font: f, color: rgb(0, 0, 0) });
  text('HÓA ĐƠN ĐIỀU CHỈNH GIẢM', 180, 15);
  y -= 22;
  text(`Số: ${note.number}    Ngày lập: ${date(localDay(note.createdAt))}`, 50);
  y -= 16;
  text(`Đơn vị: ${invoice.tenantName} (${invoice.tenantCode})`, 50);
  y -= 26;
  text(`Điều chỉnh giảm cho hóa đơn số: ${invoice.number ?? ''}`, 50);
  y -= 16;
  text(
    `Ngày phát hành: ${date(invoice.issuedAt ? localDay(invoice.issuedAt) : null)}    Kỳ: ${date(invoice.periodStart)} – ${date(invoice.periodEnd)}`,
    50,
  );
  y -= 16;
  text(`Tổng cộng hóa đơn gốc: ${dong(invoice.total)}`, 50);
  y -= 26;
  text(`Số tiền điều chỉnh giảm: ${dong(note.amount)}`, 50, 12);
  y -= 16;
  for (const part of wrap(`Bằng chữ: ${amountInWords(note.amount)}`, f, 10, 495)) {
    text(part, 50);
    y -= 14;
  }
  y -= 10;
  for (const part of wrap(`Lý do: ${note.reason}`, f, 10, 495).slice(0, 40)) {
    text(part, 50);
    y -= 14;
  }
  return doc.save();
}
