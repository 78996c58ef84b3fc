import {
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  PageSizes,
  beginText,
  concatTransformationMatrix,
  endText,
  fill,
  moveText,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingGrayscaleColor,
  setFontAndSize,
  type PDFFont,
  type PDFHexString,
  type PDFPage,
} from 'pdf-lib';
import QRCode from 'qrcode';
import { cachedFontkit, loadFonts } from './fonts';
import { deflatePageContents, useNativeFlate } from './native-flate';

/**
 * A small top-to-bottom writer for A4 slips on pdf-lib: wrapped paragraphs of mixed bold/regular
 * runs, side-by-side blocks, tables whose rows wrap, images; a new page whenever the next piece
 * would cross the bottom margin, so nothing runs off a page. Every string is NFC-normalized:
 * decomposed Vietnamese (e + ̣ + ̂) would otherwise draw its marks as separate glyphs.
 */
export type Style = 'regular' | 'bold' | 'italic';
export type Align = 'left' | 'center' | 'right';

/** A piece of a paragraph in one style. */
export interface Run {
  text: string;
  style?: Style;
}

export interface Box {
  /** Left edge and width of the box text wraps in (defaults: the content area). */
  x?: number;
  width?: number;
}

export interface TextOptions extends Box {
  size?: number;
  align?: Align;
  /** Continuation lines start this much further right ("1. a long item" hanging indents). */
  hangingIndent?: number;
}

/** One line of a side-by-side block; `underline` draws a rule of that width under it. */
export interface BlockLine {
  text: string;
  size?: number;
  style?: Style;
  underline?: number;
}

export interface Column {
  header: string;
  /** Share of the table width. */
  width: number;
  align?: Align;
}

const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
const MARGIN = { top: 48, bottom: 48, left: 62, right: 48 };
const BLACK = rgb(0, 0, 0);
const LINE_GAP = 0.35;

interface Token {
  word: string;
  style: Style;
  width: number;
}

/** A wrapped line: its words, and whether it continues a paragraph (hanging indent). */
interface Line {
  tokens: Token[];
  continuation: boolean;
}

export interface DocumentMeta {
  title: string;
  subject: string;
  /** The slip's own date: fixed metadata keeps the bytes a function of the input. */
  createdAt: Date;
}

export class SlipWriter {
  private page: PDFPage;
  /** The page's resource names of the three faces, added on first use. */
  private fontKeys: Partial<Record<Style, PDFName>> = {};
  /** The cursor: the top of the next line, in points from the page's bottom. */
  private y: number;
  readonly left = MARGIN.left;
  readonly width = PAGE_WIDTH - MARGIN.left - MARGIN.right;

  private constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Record<Style, PDFFont>,
  ) {
    this.page = doc.addPage(PageSizes.A4);
    this.y = PAGE_HEIGHT - MARGIN.top;
  }

  static async create(meta: DocumentMeta): Promise<SlipWriter> {
    const files = await loadFonts();
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.registerFontkit(cachedFontkit);
    useNativeFlate(doc);
    const [regular, bold, italic] = await Promise.all([
      doc.embedFont(files.regular, { subset: true }),
      doc.embedFont(files.bold, { subset: true }),
      doc.embedFont(files.italic, { subset: true }),
    ]);
    doc.setTitle(meta.title.normalize('NFC'), { showInWindowTitleBar: true });
    doc.setSubject(meta.subject.normalize('NFC'));
    doc.setLanguage('vi-VN');
    doc.setProducer('MotCua');
    doc.setCreator('MotCua');
    doc.setCreationDate(meta.createdAt);
    doc.setModificationDate(meta.createdAt);
    return new SlipWriter(doc, { regular, bold, italic });
  }

  /** Starts a new page when `height` more points would not fit above the bottom margin. */
  ensure(height: number): void {
    if (!this.fits(height)) this.newPage();
  }

  private fits(height: number): boolean {
    return this.y - height >= MARGIN.bottom;
  }

  private newPage(): void {
    this.page = this.doc.addPage(PageSizes.A4);
    this.fontKeys = {};
    this.y = PAGE_HEIGHT - MARGIN.top;
  }

  gap(points: number): void {
    this.y -= points;
  }

  lineHeight(size: number): number {
    return size * (1 + LINE_GAP);
  }

  /** A paragraph in one style. */
  text(text: string, o: TextOptions & { style?: Style } = {}): void {
    this.paragraph([{ text, style: o.style }], o);
  }

  /** "Label: value" — the label bold, the whole wrapped as one paragraph. */
  field(label: string, value: string, o: TextOptions = {}): void {
    this.paragraph([{ text: label, style: 'bold' }, { text: value }], o);
  }

  /** Mixed runs wrapped by words (a word wider than the box is cut by letters), page breaks between lines. */
  paragraph(runs: Run[], o: TextOptions = {}): void {
    const size = o.size ?? 11;
    const x = o.x ?? this.left;
    const width = o.width ?? this.width;
    const hanging = o.hangingIndent ?? 0;
    const lh = this.lineHeight(size);
    for (const line of this.wrapRuns(runs, size, width, hanging)) {
      this.ensure(lh);
      const indent = line.continuation ? hanging : 0;
      const used = this.widthOf(line.tokens, size);
      const room = width - indent;
      const cx =
        x + indent + (o.align === 'center' ? (room - used) / 2 : o.align === 'right' ? room - used : 0);
      this.drawTokens(line.tokens, cx, this.y - size, size);
      this.y -= lh;
    }
  }

  /** Blocks side by side, each a list of centered lines (the header: unit left, national motto right). */
  blocks(blocks: { x: number; width: number; lines: BlockLine[] }[]): void {
    const top = this.y;
    let lowest = top;
    for (const b of blocks) {
      this.y = top;
      for (const l of b.lines) {
        const size = l.size ?? 11;
        this.text(l.text, { x: b.x, width: b.width, size, style: l.style, align: 'center' });
        // The short rule under the motto and the unit name sits in the gap below the line.
        if (l.underline) this.rule(b.x + (b.width - l.underline) / 2, l.underline, this.y - 0.5);
      }
      lowest = Math.min(lowest, this.y);
    }
    this.y = lowest;
  }

  /** A table with a bold header; rows wrap, a row never splits, and the header repeats on a new page. */
  table(columns: Column[], rows: string[][], size = 10): void {
    const pad = 4;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const lh = this.lineHeight(size);
    const layout = (cells: string[], style: Style) =>
      cells.map((cell, i) => this.wrapRuns([{ text: cell, style }], size, widths[i]! - 2 * pad, 0));
    const heightOf = (cells: Line[][]) => Math.max(1, ...cells.map((l) => l.length)) * lh + 2 * pad;
    const drawRow = (cells: Line[][], height: number) => {
      let x = this.left;
      const top = this.y;
      cells.forEach((lines, i) => {
        const w = widths[i]!;
        this.page.drawRectangle({
          x,
          y: top - height,
          width: w,
          height,
          borderColor: BLACK,
          borderWidth: 0.5,
        });
        lines.forEach((line, j) => {
          const used = this.widthOf(line.tokens, size);
          const align = columns[i]!.align;
          const cx =
            x +
            pad +
            (align === 'center' ? (w - 2 * pad - used) / 2 : align === 'right' ? w - 2 * pad - used : 0);
          this.drawTokens(line.tokens, cx, top - pad - j * lh - size, size);
        });
        x += w;
      });
      this.y = top - height;
    };
    const header = layout(
      columns.map((c) => c.header),
      'bold',
    );
    const headerHeight = heightOf(header);
    const linesPerPage = Math.floor((PAGE_HEIGHT - MARGIN.top - MARGIN.bottom - headerHeight - 2 * pad) / lh);
    let needHeader = true;
    const place = (part: Line[][]) => {
      if (needHeader) drawRow(header, headerHeight);
      needHeader = false;
      drawRow(part, heightOf(part));
    };
    for (const row of rows) {
      let cells = layout(row, 'regular');
      for (;;) {
        const headerCost = needHeader ? headerHeight : 0;
        const lines = Math.max(...cells.map((l) => l.length));
        if (this.fits(headerCost + heightOf(cells))) {
          place(cells);
          break;
        }
        // A row that fits on a fresh page moves there whole; only a row taller than a page
        // splits by lines, filling what is left of this page first.
        const room = Math.floor((this.y - MARGIN.bottom - headerCost - 2 * pad) / lh);
        if (lines <= linesPerPage || room < 3) {
          this.newPage();
          needHeader = true;
          if (lines <= linesPerPage) continue;
        }
        const take = Math.min(
          lines,
          Math.floor((this.y - MARGIN.bottom - (needHeader ? headerHeight : 0) - 2 * pad) / lh),
        );
        place(cells.map((l) => l.slice(0, take)));
        cells = cells.map((l) => l.slice(take));
        if (!cells.some((l) => l.length > 0)) break;
      }
    }
    if (needHeader) {
      this.ensure(headerHeight);
      drawRow(header, headerHeight);
    }
  }

  /**
   * A QR code of `text` as a square at x with its top at the cursor (a quiet zone of one module
   * inside); the cursor stays. Drawn as filled squares, one path: no PNG to encode, decode and
   * deflate again, and sharp at any zoom.
   */
  qrCode(text: string, o: { x: number; size: number }): void {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const n = modules.size;
    const unit = o.size / (n + 2);
    // In module units from the square's bottom-left corner: row r spans y = n - r … n - r + 1.
    const ops = [
      pushGraphicsState(),
      concatTransformationMatrix(unit, 0, 0, unit, o.x, this.y - o.size),
      setFillingGrayscaleColor(0),
    ];
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n;) {
        if (!modules.get(row, col)) {
          col++;
          continue;
        }
        let end = col + 1; // a run of dark modules is one rectangle
        while (end < n && modules.get(row, end)) end++;
        ops.push(rectangle(col + 1, n - row, end - col, 1));
        col = end;
      }
    }
    this.page.pushOperators(...ops, fill(), popGraphicsState());
  }

  /** Where the cursor is, to lay text beside an image and then move below both. */
  get cursor(): number {
    return this.y;
  }
  moveTo(y: number): void {
    this.y = y;
  }

  async finish(): Promise<Uint8Array> {
    deflatePageContents(this.doc);
    return this.doc.save();
  }

  private rule(x: number, width: number, y: number): void {
    this.page.drawLine({ start: { x, y }, end: { x: x + width, y }, thickness: 0.6, color: BLACK });
  }

  /**
   * One line of words as one text object: a TJ array per run of one face, each word's glyphs
   * followed by a move of a regular space's width (where drawText per word drew each word at its
   * own position, with its font put into the page's resources again each time).
   */
  private drawTokens(tokens: Token[], x: number, y: number, size: number): void {
    if (tokens.length === 0) return;
    const gap = PDFNumber.of(-(this.space(size) / size) * 1000);
    const ops = [beginText(), setFillingGrayscaleColor(0), moveText(x, y)];
    let style: Style | null = null;
    let parts: (PDFHexString | PDFNumber)[] = [];
    const show = () => {
      if (parts.length > 0)
        ops.push(PDFOperator.of(PDFOperatorNames.ShowTextAdjusted, [this.doc.context.obj(parts)]));
      parts = [];
    };
    tokens.forEach((t, i) => {
      if (t.style !== style) {
        show();
        style = t.style;
        ops.push(setFontAndSize(this.fontKey(style), size));
      }
      if (i > 0) parts.push(gap);
      parts.push(this.fonts[t.style].encodeText(t.word));
    });
    show();
    this.page.pushOperators(...ops, endText());
  }

  private fontKey(style: Style): PDFName {
    const font = this.fonts[style];
    return (this.fontKeys[style] ??= this.page.node.newFontDictionary(font.name, font.ref));
  }

  private space(size: number): number {
    return this.fonts.regular.widthOfTextAtSize(' ', size);
  }

  private widthOf(tokens: Token[], size: number): number {
    return tokens.reduce((s, t) => s + t.width, 0) + Math.max(0, tokens.length - 1) * this.space(size);
  }

  private wrapRuns(runs: Run[], size: number, width: number, hanging: number): Line[] {
    const lines: Line[] = [];
    const paragraphs: Run[][] = [[]];
    // A newline inside a run starts a new paragraph.
    for (const r of runs)
      r.text
        .normalize('NFC')
        .split('\n')
        .forEach((part, i) => {
          if (i > 0) paragraphs.push([]);
          paragraphs[paragraphs.length - 1]!.push({ text: part, style: r.style });
        });
    for (const p of paragraphs) {
      let line: Token[] = [];
      // Lines after a paragraph's first are continuation lines, indented by `hanging`.
      let continuation = false;
      const room = () => width - (continuation ? hanging : 0);
      const push = () => {
        lines.push({ tokens: line, continuation });
        line = [];
        continuation = true;
      };
      for (const r of p) {
        const style = r.style ?? 'regular';
        const font = this.fonts[style];
        for (const word of r.text.split(/\s+/).filter(Boolean)) {
          let rest = word;
          for (;;) {
            const w = font.widthOfTextAtSize(rest, size);
            if (this.widthOf([...line, { word: rest, style, width: w }], size) <= room()) {
              line.push({ word: rest, style, width: w });
              break;
            }
            if (line.length > 0) {
              push();
              continue;
            }
            // Alone on its line and still too wide: cut it by letters.
            let cut = rest.length - 1;
            while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > room()) cut--;
            line.push({
              word: rest.slice(0, cut),
              style,
              width: font.widthOfTextAtSize(rest.slice(0, cut), size),
            });
            push();
            rest = rest.slice(cut);
          }
        }
      }
      lines.push({ tokens: line, continuation });
    }
    return lines;
  }
}
