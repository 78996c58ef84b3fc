import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { Knex } from 'knex';
import { financeSummary, listInvoices, type Invoice } from '../../../../billing/src/index';

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_KINDS = ['invoices', 'usage', 'summary'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

interface Sheet {
  title: string;
  header: string[];
  rows: (string | number)[][];
}

const KIND_VI: Record<Invoice['kind'], string> = {
  lease: 'Phí thuê',
  overage: 'Vượt định mức',
  adjustment: 'Bổ sung vượt định mức',
};

/** Amounts stay numbers (đồng) so the council's spreadsheet can sum them; dates are dd/MM/yyyy. */
const d = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');

async function invoicesSheet(tx: Knex.Transaction, year: number, now: Date): Promise<Sheet> {
  const page = await listInvoices(
    tx,
    {
      sort: { field: 'periodStart', order: 'asc' },
      range: { from: 0, to: 999_999 },
      filter: { year },
    },
    now,
  );
  return {
    title: `Hóa đơn ${year}`,
    header: [
      'Số hóa đơn',
      'Mã đơn vị',
      'Đơn vị',
      'Loại',
      'Kỳ',
      'Từ ngày',
      'Đến ngày',
      'Trạng thái',
      'Cộng tiền (₫)',
      'Thuế GTGT (₫)',
      'Tổng cộng (₫)',
      'Đã điều chỉnh giảm (₫)',
      'Ngày phát hành',
      'Hạn thanh toán',
    ],
    rows: page.rows.map((i) => [
      i.number ?? '',
      i.tenantCode,
      i.tenantName,
      KIND_VI[i.kind],
      `${i.instalment}/${i.instalments}`,
      d(i.periodStart),
      d(i.periodEnd),
      i.status,
      i.subtotal,
      i.vatAmount,
      i.total,
      i.credited,
      d(i.issuedAt?.slice(0, 10) ?? null),
      d(i.dueDate),
    ]),
  };
}

async function summarySheet(
  tx: Knex.Transaction,
  year: number,
  now: Date,
  usageOnly: boolean,
): Promise<Sheet> {
  const { rows, totals } = await financeSummary(tx, { year }, now);
  if (usageOnly)
    return {
      title: `Sử dụng ${year}`,
      header: ['Mã đơn vị', 'Đơn vị', 'Gói', 'Từ ngày', 'Đến ngày', 'Định mức', 'Đã dùng', 'Vượt định mức'],
      rows: [
        ...rows.map((r) => [
          r.tenantCode,
          r.tenantName,
          r.planName,
          d(r.startDate),
          d(r.lastDay),
          r.quota,
          r.used,
          r.overage,
        ]),
        ['Tổng cộng', '', '', '', '', totals.quota, totals.used, totals.overage],
      ],
    };
  return {
    title: `Tổng hợp ${year}`,
    header: [
      'Mã đơn vị',
      'Đơn vị',
      'Hợp đồng',
      'Định mức',
      'Đã dùng',
      'Vượt định mức',
      'Phí thuê đã lập (₫)',
      'Cước vượt đã lập (₫)',
      'Cước vượt bổ sung (₫)',
      'Đã điều chỉnh giảm (₫)',
      'Đã thanh toán (₫)',
      'Còn phải thu (₫)',
      'Quá hạn (₫)',
    ],
    rows: [
      ...rows.map((r) => [
        r.tenantCode,
        r.tenantName,
        `${r.planName} ${d(r.startDate)}–${d(r.lastDay)}`,
        r.quota,
        r.used,
        r.overage,
        r.leaseBilled,
        r.overageBilled,
        r.adjustmentBilled,
        r.credited,
        r.paid,
        r.outstanding,
        r.overdue,
      ]),
      [
        'Tổng cộng',
        '',
        '',
        totals.quota,
        totals.used,
        totals.overage,
        totals.leaseBilled,
        totals.overageBilled,
        totals.adjustmentBilled,
        totals.credited,
        totals.paid,
        totals.outstanding,
        totals.overdue,
      ],
    ],
  };
}

async function write(format: ExportFormat, s: Sheet): Promise<Buffer> {
  // The BOM makes Excel read UTF-8 (Vietnamese) correctly.
  if (format === 'csv') return Buffer.from(`\ufeff${stringify([s.header, ...s.rows])}`, 'utf8');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(s.title);
  ws.addRow(s.header).font = { bold: true };
  for (const r of s.rows) ws.addRow(r);
  ws.columns.forEach((c, i) => (c.width = i === 1 ? 40 : 18));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Finance's exports for a year: invoices, usage per unit, and the province summary for the council. */
export async function financeExport(
  tx: Knex.Transaction,
  kind: ExportKind,
  format: ExportFormat,
  year: number,
  now: Date,
): Promise<{ bytes: Buffer; contentType: string; fileName: string }> {
  const sheet =
    kind === 'invoices'
      ? await invoicesSheet(tx, year, now)
      : await summarySheet(tx, year, now, kind === 'usage');
  const names: Record<ExportKind, string> = { invoices: 'hoa-don', usage: 'su-dung', summary: 'tong-hop' };
  return {
    bytes: await write(format, sheet),
    contentType: CONTENT_TYPES[format],
    fileName: `${names[kind]}-${year}.${format}`,
  };
}
