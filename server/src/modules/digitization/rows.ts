import type { IndexRow } from './schema';

export interface CheckedRow {
  code: string;
  title: string;
  holderName: string;
  holderPid: string | null;
  issuedAt: Date;
  validUntil: Date | null;
  sha256: string;
}
export interface Rejection {
  line: number;
  code: string;
  reason: string;
  reason_en: string;
}

/** dd/MM/yyyy (as units write it) or yyyy-MM-dd, as the local midnight (UTC+7); null if not a date. */
export function parseDay(s: string): Date | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s) ?? null;
  const iso = m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : s;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const t = Date.parse(`${iso}T00:00:00+07:00`);
  if (Number.isNaN(t) || new Date(t + 7 * 3600_000).toISOString().slice(0, 10) !== iso) return null;
  return new Date(t);
}

/** Checks one row's content; the file's presence and the number's uniqueness are checked on import. */
export function checkRow(r: IndexRow, now: Date): CheckedRow | Rejection {
  const no = (reason: string, reason_en: string): Rejection => ({
    line: r.line,
    code: r.code,
    reason,
    reason_en,
  });
  if (r.code.length < 1 || r.code.length > 100)
    return no('Số kết quả trống hoặc quá dài', 'Result number empty or too long');
  if (r.title.length < 1 || r.title.length > 500)
    return no('Tên kết quả trống hoặc quá dài', 'Title empty or too long');
  if (r.holderName.length < 1 || r.holderName.length > 300)
    return no('Thiếu người được cấp', 'Holder name missing');
  if (r.holderPid && !/^[0-9]{9,13}$/.test(r.holderPid))
    return no('Số định danh không hợp lệ', 'Invalid identification number');
  const issuedAt = parseDay(r.issuedOn);
  if (!issuedAt || issuedAt > now) return no('Ngày cấp không hợp lệ', 'Invalid issue date');
  const validUntil = r.validUntil ? parseDay(r.validUntil) : null;
  if (r.validUntil && !validUntil) return no('Ngày hết hiệu lực không hợp lệ', 'Invalid expiry date');
  // Seed 004 digitizes results that are still valid.
  if (validUntil && validUntil <= now) return no('Kết quả đã hết hiệu lực', 'The result is no longer valid');
  if (validUntil && validUntil <= issuedAt)
    return no('Hiệu lực đến trước ngày cấp', 'Expiry before the issue date');
  if (!/^[0-9a-f]{64}$/.test(r.sha256)) return no('Mã SHA-256 không hợp lệ', 'Invalid SHA-256');
  return {
    code: r.code,
    title: r.title,
    holderName: r.holderName,
    holderPid: r.holderPid || null,
    issuedAt,
    validUntil,
    sha256: r.sha256,
  };
}
