import { formatDateLong } from './format';
import type { Applicant, SlipUnit } from './schema';
import type { SlipWriter } from './layout';

/**
 * The parts every one-stop slip shares (TT 01/2018/TT-VPCP annex forms): the two-column header
 * with the national motto, the applicant lines and the signature blocks.
 */
export const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
export const ONE_STOP_DESK = 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ';

export interface HeaderOptions {
  unit: SlipUnit;
  /** Under the unit's name (e.g. the one-stop desk); absent for a letter of the unit itself. */
  office?: string;
  /** Lines under the left block: "Mã hồ sơ: …", "Số: …". */
  reference?: string[];
  date: Date;
}

export function header(w: SlipWriter, o: HeaderOptions): void {
  const leftWidth = w.width * 0.44;
  const rightWidth = w.width * 0.56;
  const left = [
    ...(o.unit.parentName ? [{ text: o.unit.parentName.toUpperCase(), size: 10 }] : []),
    {
      text: o.unit.name.toUpperCase(),
      size: 10,
      style: 'bold' as const,
      underline: o.office ? undefined : 60,
    },
    ...(o.office ? [{ text: o.office, size: 10, style: 'bold' as const, underline: 60 }] : []),
  ];
  const right = [
    { text: NATION, size: 10, style: 'bold' as const },
    { text: MOTTO, size: 11, style: 'bold' as const, underline: 150 },
  ];
  w.blocks([
    { x: w.left, width: leftWidth, lines: left },
    { x: w.left + leftWidth, width: rightWidth, lines: right },
  ]);
  w.gap(4);
  w.blocks([
    { x: w.left, width: leftWidth, lines: (o.reference ?? []).map((text) => ({ text, size: 10 })) },
    {
      x: w.left + leftWidth,
      width: rightWidth,
      lines: [{ text: `${o.unit.place ?? '……'}, ${formatDateLong(o.date)}`, size: 10.5, style: 'italic' }],
    },
  ]);
  w.gap(14);
}

export function title(w: SlipWriter, text: string, subtitle?: string): void {
  w.ensure(60);
  w.text(text, { size: 13, style: 'bold', align: 'center' });
  if (subtitle) w.text(subtitle, { size: 10.5, style: 'italic', align: 'center' });
  w.gap(10);
}

/** Name, identification, address, phone — only what the dossier holds. */
export function applicantLines(w: SlipWriter, a: Applicant, nameLabel = 'Họ và tên:'): void {
  w.field(nameLabel, a.fullName);
  if (a.pid) w.field('Số định danh cá nhân/Mã số thuế:', a.pid);
  if (a.address) w.field('Địa chỉ:', a.address);
  const contact = [a.phone ? `Số điện thoại: ${a.phone}` : '', a.email ? `Email: ${a.email}` : '']
    .filter(Boolean)
    .join('    ');
  if (contact) w.text(contact);
}

export interface Signer {
  role: string;
  note?: string;
  name?: string;
}

/** Signature blocks side by side, with room to sign. */
export function signatures(w: SlipWriter, signers: Signer[]): void {
  w.gap(14);
  w.ensure(110);
  const colWidth = w.width / signers.length;
  w.blocks(
    signers.map((s, i) => ({
      x: w.left + i * colWidth,
      width: colWidth,
      lines: [
        { text: s.role.toUpperCase(), size: 10.5, style: 'bold' as const },
        { text: s.note ?? '(Ký và ghi rõ họ tên)', size: 10, style: 'italic' as const },
        { text: ' ', size: 40 },
        ...(s.name ? [{ text: s.name, size: 11, style: 'bold' as const }] : []),
      ],
    })),
  );
}

/** "1. …", "2. …" with hanging indents; at least one dotted line when the list is empty. */
export function numbered(w: SlipWriter, items: string[]): void {
  const list = items.length > 0 ? items : ['……………………………………………………'];
  list.forEach((item, i) =>
    w.text(`${i + 1}. ${item}`, { x: w.left + 14, width: w.width - 14, hangingIndent: 16 }),
  );
}
