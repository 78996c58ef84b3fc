/**
 * How slips write dates and money (DOMAIN.md §10): Asia/Ho_Chi_Minh, dd/MM/yyyy, 1.188.000 ₫.
 * Vietnam keeps UTC+7 all year, but the zone is named so the rule reads as it is.
 */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

interface LocalParts {
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
}

export function localParts(at: Date): LocalParts {
  const p = Object.fromEntries(partsFormat.formatToParts(at).map((x) => [x.type, x.value]));
  return { day: p.day!, month: p.month!, year: p.year!, hour: p.hour!, minute: p.minute! };
}

/** 07/12/2026 */
export function formatDate(at: Date): string {
  const p = localParts(at);
  return `${p.day}/${p.month}/${p.year}`;
}

/** 14 giờ 05 phút, ngày 23 tháng 11 năm 2026 — the wording of the receipt slip form. */
export function formatTimeLong(at: Date): string {
  const p = localParts(at);
  return `${p.hour} giờ ${p.minute} phút, ngày ${p.day} tháng ${p.month} năm ${p.year}`;
}

/** ngày 23 tháng 11 năm 2026 — the place-and-date line under the national motto. */
export function formatDateLong(at: Date): string {
  const p = localParts(at);
  return `ngày ${p.day} tháng ${p.month} năm ${p.year}`;
}

/** 1.188.000 ₫ — đồng have no minor unit. */
export function formatMoney(dong: number): string {
  if (!Number.isSafeInteger(dong)) throw new Error(`not a whole number of đồng: ${dong}`);
  const digits = String(Math.abs(dong)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${dong < 0 ? '-' : ''}${digits} ₫`;
}

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const GROUPS = ['', 'nghìn', 'triệu', 'tỷ', 'nghìn tỷ', 'triệu tỷ'];

/** One group of three digits; `full` reads leading zeros (a group after a larger one). */
function readGroup(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const words: string[] = [];
  if (h > 0 || full) words.push(DIGITS[h]!, 'trăm');
  if (t === 0 && u > 0 && (h > 0 || full)) words.push('linh');
  else if (t === 1) words.push('mười');
  else if (t > 1) words.push(DIGITS[t]!, 'mươi');
  if (u > 0) {
    if (u === 1 && t > 1) words.push('mốt');
    else if (u === 5 && t > 0) words.push('lăm');
    else words.push(DIGITS[u]!);
  }
  return words.join(' ');
}

/** "Một triệu một trăm tám mươi tám nghìn đồng" — the amount in words on a fee receipt. */
export function amountInWords(dong: number): string {
  if (!Number.isSafeInteger(dong) || dong < 0)
    throw new Error(`not a non-negative whole number of đồng: ${dong}`);
  if (dong === 0) return 'Không đồng';
  const groups: number[] = [];
  for (let n = dong; n > 0; n = Math.floor(n / 1000)) groups.push(n % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    words.push(readGroup(g, i < groups.length - 1));
    if (GROUPS[i]) words.push(GROUPS[i]!);
  }
  const text = `${words.join(' ')} đồng`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
