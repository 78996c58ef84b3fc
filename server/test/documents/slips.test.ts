import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDict, PDFDocument, PDFName, PageSizes } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  amountInWords,
  formatDate,
  formatMoney,
  formatTimeLong,
  renderApologySlip,
  renderPaymentReceipt,
  renderReceiptSlip,
  renderRefusalSlip,
  renderSupplementRequest,
} from '../../src/modules/documents/index';
import { apology, dossierCode, payment, receipt, refusal, supplement } from './slip-fixtures';

/**
 * The printable slips: each renders an A4 PDF whose text (read back with poppler's pdftotext) keeps
 * its Vietnamese diacritics, and whose every word lies inside the page margins however long the
 * input. Poppler is a system package: without it the text checks are skipped, the PDF checks run.
 */
const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0 && spawnSync('pdftoppm', ['-v']).status === 0;
const work = mkdtempSync(path.join(tmpdir(), 'motcua-slips-'));
const artifacts = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));

function pdfToText(pdf: Uint8Array): string {
  const file = path.join(work, `t${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const out = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  // Wrapped lines come back as separate lines: compare phrases with single spaces.
  return out.stdout.replace(/\s+/g, ' ');
}

interface WordBox {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

function wordBoxes(pdf: Uint8Array): { pages: number; words: WordBox[] } {
  const file = path.join(work, `b${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const html = spawnSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' }).stdout;
  const words = [
    ...html.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ),
  ].map((m) => ({ xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: m[5]! }));
  return { pages: (html.match(/<page /g) ?? []).length, words };
}

async function expectA4(pdf: Uint8Array): Promise<number> {
  const doc = await PDFDocument.load(pdf);
  expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
  for (const page of doc.getPages()) {
    const { width, height } = page.getSize();
    expect(width).toBeCloseTo(PageSizes.A4[0], 1);
    expect(height).toBeCloseTo(PageSizes.A4[1], 1);
  }
  return doc.getPageCount();
}

async function embeddedFontNames(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf);
  const names: string[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects())
    if (obj instanceof PDFDict && obj.get(PDFName.of('Type')) === PDFName.of('FontDescriptor'))
      names.push(String(obj.get(PDFName.of('FontName'))).replace(/^\//, ''));
  return names;
}

function expectInsideMargins(pdf: Uint8Array): void {
  const [w, h] = PageSizes.A4;
  const { words } = wordBoxes(pdf);
  expect(words.length).toBeGreaterThan(20);
  const outside = words.filter((b) => b.xMin < 36 || b.xMax > w - 36 || b.yMin < 36 || b.yMax > h - 36);
  expect(outside).toEqual([]);
}

const common = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'PHƯỜNG NHA TRANG'];

describe('slips', () => {
  const rendered = new Map<string, Uint8Array>();
  beforeAll(async () => {
    rendered.set('receipt', await renderReceiptSlip(receipt));
    rendered.set('refusal', await renderRefusalSlip(refusal));
    rendered.set('supplement', await renderSupplementRequest(supplement));
    rendered.set('apology', await renderApologySlip(apology));
    rendered.set('payment', await renderPaymentReceipt(payment));
  });

  it('each renders an A4 PDF with the fonts embedded as subsets', async () => {
    for (const [name, pdf] of rendered) {
      expect(await expectA4(pdf), name).toBe(1);
      const fonts = await embeddedFontNames(pdf);
      expect(fonts.length, name).toBeGreaterThanOrEqual(2);
      for (const f of fonts) expect(f, name).toMatch(/^DejaVuSans/);
      // DejaVu Sans alone is ~750 kB (~400 kB compressed); three styles fit here only as subsets.
      expect(pdf.byteLength, name).toBeLessThan(150_000);
    }
  });

  it('renders the same bytes for the same input (no clock inside)', async () => {
    const again = await renderRefusalSlip(refusal);
    expect(Buffer.from(again).equals(Buffer.from(rendered.get('refusal')!))).toBe(true);
  });

  describe.runIf(hasPoppler)('read back with poppler', () => {
    it('the receipt slip says what the form says, with diacritics intact', () => {
      const text = pdfToText(rendered.get('receipt')!);
      for (const phrase of [
        ...common,
        'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
        'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
        `Mã hồ sơ: ${dossierCode}`,
        'Nguyễn Thị Thùy Dương',
        'Thành phần hồ sơ nộp gồm',
        'Giấy chứng nhận kết hôn của cha mẹ trẻ',
        'Thời gian nhận hồ sơ: 14 giờ 05 phút, ngày 23 tháng 11 năm 2026',
        'Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 26 tháng 11 năm 2026',
        'Nha Trang, ngày 23 tháng 11 năm 2026',
        '8.000 ₫',
        receipt.trackingUrl,
        'NGƯỜI TIẾP NHẬN HỒ SƠ',
        'Trần Văn Hưởng',
      ])
        expect(text).toContain(phrase);
    });

    it('the refusal, supplement, apology and payment slips carry their headings and content', () => {
      const expectations: Record<string, string[]> = {
        refusal: [
          'PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ',
          'Căn cứ quy định tại Luật Hộ tịch năm 2014',
          '1. Hồ sơ không thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường.',
          '2. Giấy tờ tùy thân đã hết hạn sử dụng.',
          'Xin thông báo để ông/bà biết và thực hiện./.',
        ],
        supplement: [
          'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
          'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:',
          '1. Bổ sung bản sao Giấy chứng nhận kết hôn có chứng thực.',
          '2. Ghi đầy đủ quê quán của người mẹ trong tờ khai.',
          'số điện thoại 0258 3822 111',
          'NGƯỜI HƯỚNG DẪN',
        ],
        apology: [
          'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
          'Kính gửi: Nguyễn Thị Thùy Dương',
          'Ngày 23/11/2026, Phường Nha Trang tiếp nhận giải quyết hồ sơ',
          'Thời hạn trả kết quả giải quyết hồ sơ: ngày 26/11/2026',
          'vào ngày 01/12/2026',
          'CHỦ TỊCH',
          'Lê Quang Vinh',
        ],
        payment: [
          'BIÊN LAI THU PHÍ, LỆ PHÍ',
          'Ký hiệu: BL/26E',
          'Số: 0000123',
          '1.100.000 ₫',
          '88.000 ₫',
          'Tổng cộng 1.188.000 ₫',
          'Một triệu một trăm tám mươi tám nghìn đồng',
          'Thanh toán trực tuyến (mã giao dịch 14220001)',
        ],
      };
      for (const [name, phrases] of Object.entries(expectations)) {
        const text = pdfToText(rendered.get(name)!);
        for (const phrase of [...common, ...phrases]) expect(text, name).toContain(phrase);
      }
    });

    it('every word of every slip lies inside the page margins', () => {
      for (const pdf of rendered.values()) expectInsideMargins(pdf);
    });

    it('long input wraps and flows onto more pages instead of overflowing', async () => {
      const long = await renderReceiptSlip({
        ...receipt,
        applicant: {
          ...receipt.applicant,
          address: 'Thôn Đồng Trăng, xã Diên Khánh, tỉnh Khánh Hòa. '.repeat(12),
        },
        procedureName: `${receipt.procedureName} ${'x'.repeat(400)}`,
        papers: Array.from({ length: 60 }, (_, i) => ({
          name: `Giấy tờ số ${i + 1}: bản sao có chứng thực từ sổ gốc hoặc bản sao kèm bản chính để đối chiếu, cấp trong vòng sáu tháng`,
          originals: i % 2,
          copies: 1,
          note: i === 7 ? 'Ghi chú rất dài '.repeat(60) : '',
        })),
      });
      const pages = await expectA4(long);
      expect(pages).toBeGreaterThanOrEqual(3);
      expect(wordBoxes(long).pages).toBe(pages);
      expectInsideMargins(long);
      const text = pdfToText(long);
      expect(text).toContain('Giấy tờ số 60:');
      // The signature block still comes last.
      expect(text.lastIndexOf('NGƯỜI TIẾP NHẬN HỒ SƠ')).toBeGreaterThan(text.indexOf('Giấy tờ số 60:'));
    });

    it('decomposed Vietnamese input prints as the composed letters', async () => {
      const pdf = await renderRefusalSlip({
        ...refusal,
        applicant: { fullName: 'Nguyễn Thị Thùy Dương'.normalize('NFD') },
      });
      expect(pdfToText(pdf)).toContain('Nguyễn Thị Thùy Dương');
    });

    it('writes PNGs of the receipt and the payment receipt to test-artifacts/ for a person to look at', () => {
      mkdirSync(artifacts, { recursive: true });
      for (const name of ['receipt', 'payment']) {
        const file = path.join(work, `${name}.pdf`);
        writeFileSync(file, rendered.get(name)!);
        const out = spawnSync('pdftoppm', [
          '-r',
          '110',
          '-png',
          '-singlefile',
          file,
          path.join(artifacts, `slip-${name}`),
        ]);
        expect(out.status).toBe(0);
        expect(
          readFileSync(path.join(artifacts, `slip-${name}.png`))
            .subarray(1, 4)
            .toString(),
        ).toBe('PNG');
      }
    });
  });
});

describe('formats', () => {
  it('dates in Asia/Ho_Chi_Minh, dd/MM/yyyy', () => {
    // 17:30 UTC is already the next day in Vietnam (UTC+7).
    expect(formatDate(new Date('2026-11-22T17:30:00Z'))).toBe('23/11/2026');
    expect(formatDate(new Date('2026-11-22T16:59:00Z'))).toBe('22/11/2026');
    expect(formatTimeLong(new Date('2026-01-01T01:05:00Z'))).toBe(
      '08 giờ 05 phút, ngày 01 tháng 01 năm 2026',
    );
  });

  it('money in đồng with dots, and in words', () => {
    expect(formatMoney(1_188_000)).toBe('1.188.000 ₫');
    expect(formatMoney(0)).toBe('0 ₫');
    expect(formatMoney(1_188_000_000)).toBe('1.188.000.000 ₫');
    expect(() => formatMoney(1.5)).toThrow();
    const words: [number, string][] = [
      [0, 'Không đồng'],
      [5, 'Năm đồng'],
      [15, 'Mười lăm đồng'],
      [21, 'Hai mươi mốt đồng'],
      [105, 'Một trăm linh năm đồng'],
      [1_188_000, 'Một triệu một trăm tám mươi tám nghìn đồng'],
      [1_000_005, 'Một triệu không trăm linh năm đồng'],
      [2_050_000, 'Hai triệu không trăm năm mươi nghìn đồng'],
      [1_188_000_000, 'Một tỷ một trăm tám mươi tám triệu đồng'],
      [35_000, 'Ba mươi lăm nghìn đồng'],
    ];
    for (const [n, text] of words) expect(amountInWords(n), String(n)).toBe(text);
  });
});
