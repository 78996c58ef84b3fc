import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Invoice, InvoiceLine } from '../../../../billing/src/index';

// DejaVu Sans has every Vietnamese glyph; read once per process. There is no shared PDF helper in
// server/src/modules/documents yet; when there is, this should move onto it.
const require = createRequire(import.meta.url);
let fontBytes: Buffer | null = null;
const font = () => (fontBytes ??= readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')));

const dong = (n: number) => `${n.toLocaleString('vi-VN')} ₫`;
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
  text(`Số: ${invoice.number ?? ''}    Ngày phát hành: ${date(invoice.issuedAt?.slice(0, 10) ?? null)}`, 50);
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
