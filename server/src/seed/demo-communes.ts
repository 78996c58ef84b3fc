/**
 * The communes, wards and special zone of the demo province. The first 65 are Khánh Hòa's after the
 * July-2025 reform (the province merged with Ninh Thuận); the rest carry the names of communes
 * those were merged from, so the demo reaches the size of a pre-reform province (~180 communes)
 * and searches run over a realistic number of units.
 *
 * Codes keep the shape of the national electronic identifier (TT 01/2018/TT-VPCP Art. 19):
 * the 65 current units 000.NN.00.H34 (NN from 20; the first 19 are the demo's original codes,
 * which tests and documents name), the former communes 000.GG.CC.H34 grouped by former district.
 */
export type CommuneKind = 'Phường' | 'Xã' | 'Thị trấn' | 'Đặc khu';

export interface DemoCommune {
  code: string;
  name: string;
  /** A ward or special zone publishes no farming or forestry procedures. */
  rural: boolean;
  /** The special zone (islands) publishes only the civil-status and social procedures. */
  island: boolean;
  /** A pre-reform commune, there for the demo's size: it publishes the catalog, not the online forms. */
  former: boolean;
}

type Named = [kind: CommuneKind, name: string];

const P = (name: string): Named => ['Phường', name];
const X = (name: string): Named => ['Xã', name];
const TT = (name: string): Named => ['Thị trấn', name];

/** The original demo communes, in their code order (000.20.00 … 000.38.00). Do not reorder. */
const original: Named[] = [
  P('Nha Trang'),
  P('Bắc Nha Trang'),
  P('Tây Nha Trang'),
  P('Nam Nha Trang'),
  P('Cam Ranh'),
  P('Bắc Cam Ranh'),
  P('Ninh Hòa'),
  P('Đông Ninh Hòa'),
  X('Cam Lâm'),
  X('Suối Dầu'),
  X('Diên Khánh'),
  X('Diên Lạc'),
  X('Vạn Ninh'),
  X('Đại Lãnh'),
  X('Khánh Vĩnh'),
  X('Khánh Sơn'),
  X('Tây Khánh Sơn'),
  X('Nam Cam Ranh'),
  ['Đặc khu', 'Trường Sa'],
];

/** The other communes and wards of the province after the reform (000.39.00 …). */
// prettier-ignore
const current: Named[] = [
  ...['Cam Linh', 'Ba Ngòi', 'Hòa Thắng', 'Phan Rang', 'Đông Hải', 'Ninh Chử', 'Bảo An', 'Đô Vinh'].map(P),
  ...[
    'Bắc Ninh Hòa', 'Tân Định', 'Nam Ninh Hòa', 'Tây Ninh Hòa', 'Hòa Trí', 'Tu Bông', 'Vạn Thắng',
    'Vạn Hưng', 'Diên Điền', 'Diên Lâm', 'Diên Thọ', 'Suối Hiệp', 'Cam Hiệp', 'Cam An',
    'Bắc Khánh Vĩnh', 'Trung Khánh Vĩnh', 'Tây Khánh Vĩnh', 'Nam Khánh Vĩnh', 'Đông Khánh Sơn',
    'Ninh Phước', 'Phước Hữu', 'Phước Hậu', 'Thuận Nam', 'Cà Ná', 'Phước Hà', 'Phước Dinh',
    'Ninh Hải', 'Xuân Hải', 'Vĩnh Hải', 'Thuận Bắc', 'Công Hải', 'Ninh Sơn', 'Lâm Sơn', 'Anh Dũng',
    'Mỹ Sơn', 'Bác Ái Đông', 'Bác Ái', 'Bác Ái Tây',
  ].map(X),
];

/** Former communes, by former district: [group code, units]. */
// prettier-ignore
const former: [group: number, units: Named[]][] = [
  [85, [ // Nha Trang
    ...['Vĩnh Hòa', 'Vĩnh Phước', 'Vĩnh Thọ', 'Xương Huân', 'Vạn Thạnh', 'Phương Sài', 'Phước Long',
      'Phước Hải', 'Vĩnh Nguyên', 'Lộc Thọ', 'Tân Lập', 'Phước Tân', 'Phương Sơn', 'Phước Tiến',
      'Ngọc Hiệp', 'Vĩnh Trường'].map(P),
    ...['Vĩnh Lương', 'Vĩnh Phương', 'Vĩnh Ngọc', 'Phước Đồng'].map(X),
  ]],
  [86, [ // Cam Ranh
    ...['Cam Nghĩa', 'Cam Phúc Bắc', 'Cam Phúc Nam', 'Cam Lộc', 'Cam Phú'].map(P),
    ...['Cam Thành Nam', 'Cam Phước Đông', 'Cam Thịnh Tây', 'Cam Thịnh Đông', 'Cam Lập'].map(X),
  ]],
  [87, [ // Cam Lâm
    TT('Cam Đức'),
    ...['Cam Tân', 'Cam Hòa', 'Cam Hải Đông', 'Cam Hải Tây', 'Sơn Tân', 'Cam Hiệp Bắc', 'Cam Thành Bắc',
      'Cam Phước Tây', 'Suối Cát'].map(X),
  ]],
  [88, [ // Diên Khánh
    ...['Diên An', 'Diên Toàn', 'Diên Thạnh', 'Diên Sơn', 'Diên Phú', 'Diên Tân', 'Diên Đồng', 'Diên Xuân',
      'Suối Tiên', 'Bình Lộc'].map(X),
  ]],
  [89, [ // Ninh Hòa
    ...['Ninh Hiệp', 'Ninh Đa', 'Ninh Thủy', 'Ninh Diêm', 'Ninh Giang', 'Ninh Hà'].map(P),
    ...['Ninh Tây', 'Ninh Thượng', 'Ninh An', 'Ninh Thọ', 'Ninh Trung', 'Ninh Sim', 'Ninh Xuân',
      'Ninh Thân', 'Ninh Đông', 'Ninh Phụng'].map(X),
  ]],
  [90, [TT('Vạn Giã'), ...['Vạn Phước', 'Vạn Long', 'Vạn Bình', 'Vạn Thọ', 'Xuân Sơn'].map(X)]], // Vạn Ninh
  [91, ['Khánh Bình', 'Khánh Hiệp', 'Khánh Đông', 'Khánh Nam', 'Khánh Trung', 'Liên Sang', 'Sơn Thái',
    'Giang Ly'].map(X)], // Khánh Vĩnh
  [92, [TT('Tô Hạp'), ...['Sơn Bình', 'Sơn Hiệp', 'Sơn Lâm', 'Ba Cụm Bắc'].map(X)]], // Khánh Sơn
  [93, [ // Phan Rang – Tháp Chàm
    ...['Phước Mỹ', 'Phủ Hà', 'Thanh Sơn', 'Mỹ Hương', 'Tấn Tài', 'Kinh Dinh', 'Đạo Long', 'Đài Sơn',
      'Mỹ Bình'].map(P),
    X('Thành Hải'),
  ]],
  [94, [TT('Khánh Hải'), ...['Tân Hải', 'Hộ Hải', 'Phương Hải', 'Tri Hải'].map(X)]], // Ninh Hải
  [95, [TT('Phước Dân'), ...['Phước Thái', 'Phước Vinh', 'An Hải'].map(X)]], // Ninh Phước
  [96, [TT('Tân Sơn'), ...['Lương Sơn', 'Quảng Sơn', 'Ma Nới'].map(X)]], // Ninh Sơn
  [97, ['Phước Nam', 'Nhị Hà', 'Phước Minh'].map(X)], // Thuận Nam
  [98, ['Lợi Hải', 'Bắc Phong', 'Phước Kháng'].map(X)], // Thuận Bắc
];

const two = (n: number) => String(n).padStart(2, '0');

function commune([kind, name]: Named, code: string, former: boolean): DemoCommune {
  const rural = kind === 'Xã' || kind === 'Thị trấn';
  return { code, name: `${kind} ${name}`, rural, island: kind === 'Đặc khu', former };
}

export const demoCommunes: DemoCommune[] = [
  ...[...original, ...current].map((n, i) => commune(n, `000.${two(i + 20)}.00.H34`, false)),
  ...former.flatMap(([group, units]) =>
    units.map((n, i) => commune(n, `000.${group}.${two(i + 1)}.H34`, true)),
  ),
];
