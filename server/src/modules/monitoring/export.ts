import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { Figures } from './figures';
import type { MonitoringReport } from './report';

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

const pct = (s: number | null) => (s === null ? '' : Math.round(s * 1000) / 10);
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

const HEADER = [
  'Mã đơn vị',
  'Đơn vị',
  'Phạm vi',
  'Tiếp nhận',
  'Trực tuyến',
  'Số hóa',
  'Đã giải quyết',
  'Trước hạn',
  'Đúng hạn',
  'Trễ hạn',
  'Đúng hạn (%)',
  'Trực tuyến (%)',
  'Số hóa (%)',
  'Lượt đánh giá',
  'Hài lòng (%)',
  'Hồ sơ/cán bộ một cửa/năm',
  'CS766 Công khai (%)*',
  'CS766 Tiến độ (%)*',
  'CS766 Số hóa (%)*',
  'CS766 Trực tuyến (%)*',
  'CS766 Hài lòng (%)*',
];

function line(code: string, name: string, scope: string, f: Figures): (string | number)[] {
  const q = f.qualityIndex;
  return [
    code,
    name,
    scope,
    f.received,
    f.received_online,
    f.received_digitized,
    f.resolved,
    f.early,
    f.on_time,
    f.late,
    pct(f.onTimeShare),
    pct(f.onlineShare),
    pct(f.digitizedShare),
    f.rated,
    pct(f.satisfactionShare),
    f.deskProductivityPerYear ?? '',
    pct(q.transparency),
    pct(q.progress),
    pct(q.digitization),
    pct(q.online),
    pct(q.satisfaction),
  ];
}

/** One line per unit (its own figures), and one more for units with others under them (the subtree). */
export async function monitoringExport(report: MonitoringReport, format: 'csv' | 'xlsx') {
  const hasChildren = new Set(report.units.map((u) => u.parentId).filter((p): p is string => p !== null));
  const rows = report.units.flatMap((u) => [
    line(u.code, u.name, 'Đơn vị', u.own),
    ...(hasChildren.has(u.unitId) ? [line(u.code, u.name, 'Gồm đơn vị trực thuộc', u.withChildren)] : []),
  ]);
  const note = `* Chỉ số thành phần theo Quyết định 766/QĐ-TTg, tính gần đúng từ dữ liệu hệ thống. Kỳ: ${dmy(report.from)}–${dmy(report.to)}`;
  const fileName = `giam-sat-${report.from}-${report.to}.${format}`;
  if (format === 'csv')
    // The BOM makes Excel read UTF-8 (Vietnamese) correctly.
    return {
      fileName,
      contentType: CONTENT_TYPES.csv,
      bytes: Buffer.from(`\ufeff${stringify([HEADER, ...rows, [note]])}`, 'utf8'),
    };
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Giám sát');
  ws.addRow(HEADER).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.addRow([]);
  ws.addRow([note]);
  ws.columns.forEach((c, i) => (c.width = i === 1 ? 40 : 14));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return { fileName, contentType: CONTENT_TYPES.xlsx, bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
}
