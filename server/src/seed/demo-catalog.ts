import {
  communeProcedures,
  departmentProcedures,
  type TypicalProcedure,
} from '../modules/procedures/typical-catalog';
import type { Fee, Paper, ProcedureStatus } from '../modules/procedures/schema';
import { demoCommunes, type DemoCommune } from './demo-communes';
import { demoForms } from './demo-forms';

/**
 * What each demo unit publishes. Communes publish the commune-level catalog (wards skip farming
 * and forestry, the island zone keeps civil status and social affairs); each department publishes
 * the provincial procedures of its fields of activity. Names, codes, fees and levels come from the
 * typical catalog; the papers are the usual ones of each field. A few procedures stay drafts, as
 * in a real catalog being prepared.
 */
export interface DemoProcedure {
  code: string;
  name: string;
  field: string;
  /** Level 1 (information only) is shown as 2 in the demo: every procedure has a form to download. */
  level: number;
  days: number;
  fees: Fee[];
  papers: Paper[];
  result: string;
}

export interface DemoAssignment {
  unit: string;
  code: string;
  status: ProcedureStatus;
}

/** Departments and agencies, by unit code: the fields of activity they are competent for. */
const departmentFields: Record<string, string[]> = {
  '000.00.01.H34': ['TIEP_CONG_DAN'],
  '000.00.02.H34': ['THI_DUA_KHEN_THUONG', 'LAO_DONG', 'VIEC_LAM', 'NGUOI_CO_CONG'],
  '000.00.03.H34': ['LY_LICH_TU_PHAP', 'QUOC_TICH', 'NUOI_CON_NUOI', 'CONG_CHUNG'],
  '000.00.04.H34': ['DANG_KY_DOANH_NGHIEP', 'DAU_TU'],
  '000.00.05.H34': ['CONG_THUONG', 'AN_TOAN_THUC_PHAM'],
  '000.00.06.H34': ['XAY_DUNG', 'NHA_O', 'GIAO_THONG_VAN_TAI'],
  '000.00.07.H34': [
    'DAT_DAI',
    'TAI_NGUYEN_NUOC',
    'MOI_TRUONG',
    'KHOANG_SAN',
    'NONG_NGHIEP',
    'THUY_SAN',
    'LAM_NGHIEP',
  ],
  '000.00.08.H34': ['KHOA_HOC_CONG_NGHE'],
  '000.00.09.H34': ['GIAO_DUC_DAO_TAO'],
  '000.00.10.H34': ['Y_TE', 'DUOC', 'BAO_TRO_XA_HOI'],
  '000.00.11.H34': ['VAN_HOA', 'THE_DUC_THE_THAO', 'DU_LICH'],
  '000.00.12.H34': ['TON_GIAO'],
  '000.00.13.H34': ['KHIEU_NAI_TO_CAO'],
  '000.00.14.H34': ['DAU_TU', 'MOI_TRUONG'],
  '000.00.15.H34': ['DAU_TU', 'LAO_DONG'],
  '000.00.16.H34': ['THUE'],
  '000.00.17.H34': ['DAT_DAI'],
  '000.00.18.H34': ['VIEC_LAM'],
  '000.00.19.H34': ['NONG_NGHIEP'],
  // The provincial one-stop centre receives for every department and decides on none of its own.
  '000.00.20.H34': [],
};

const WARD_SKIPS = new Set(['LAM_NGHIEP', 'NONG_NGHIEP']);
const ISLAND_FIELDS = new Set(['HO_TICH', 'CHUNG_THUC', 'BAO_TRO_XA_HOI', 'NGUOI_CO_CONG', 'TIEP_CONG_DAN']);

/** The procedures that get complete online forms are always published. */
const FORM_CODES = new Set(demoForms.map((f) => f.procedure));

const paper = (name: string, originals: number, copies: number, fromDataStore = false): Paper => ({
  name,
  originals,
  copies,
  fromDataStore,
});
const ID_PAPER = paper('Giấy tờ tùy thân của người yêu cầu (Căn cước, hộ chiếu)', 0, 1, true);

const papersByField: Record<string, Paper[]> = {
  HO_TICH: [paper('Tờ khai theo mẫu quy định', 1, 0), ID_PAPER],
  CHUNG_THUC: [paper('Bản chính giấy tờ, văn bản cần chứng thực', 1, 0), ID_PAPER],
  XAY_DUNG: [
    paper('Đơn đề nghị theo mẫu', 1, 0),
    paper('Giấy tờ chứng minh quyền sử dụng đất', 0, 1, true),
    paper('Bản vẽ thiết kế xây dựng', 2, 0),
  ],
  DAT_DAI: [
    paper('Đơn đăng ký đất đai, tài sản gắn liền với đất theo mẫu', 1, 0),
    paper('Giấy chứng nhận quyền sử dụng đất đã cấp', 1, 0, true),
  ],
  HO_KINH_DOANH: [
    paper('Giấy đề nghị đăng ký hộ kinh doanh', 1, 0),
    paper('Bản sao giấy tờ pháp lý của cá nhân chủ hộ kinh doanh', 0, 1, true),
  ],
  DANG_KY_DOANH_NGHIEP: [
    paper('Giấy đề nghị đăng ký doanh nghiệp', 1, 0),
    paper('Điều lệ công ty', 1, 0),
    paper('Bản sao giấy tờ pháp lý của cá nhân, tổ chức', 0, 1, true),
  ],
  LY_LICH_TU_PHAP: [
    paper('Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp theo mẫu', 1, 0),
    paper('Bản chụp giấy tờ tùy thân', 0, 1, true),
    paper('Giấy tờ chứng minh nơi thường trú hoặc tạm trú', 0, 1, true),
  ],
  BAO_TRO_XA_HOI: [
    paper('Tờ khai đề nghị theo mẫu', 1, 0),
    paper('Giấy tờ chứng minh đối tượng', 0, 1, true),
  ],
  NGUOI_CO_CONG: [paper('Bản khai theo mẫu', 1, 0), paper('Giấy tờ chứng minh người có công', 0, 1, true)],
};
const defaultPapers = [paper('Đơn đề nghị theo mẫu', 1, 0), ID_PAPER];

const papersByCode: Record<string, Paper[]> = {
  '1.001193': [
    paper('Tờ khai đăng ký khai sinh theo mẫu', 1, 0),
    paper('Giấy chứng sinh', 1, 0),
    paper('Giấy chứng nhận kết hôn của cha, mẹ (nếu có)', 0, 1, true),
    ID_PAPER,
  ],
  '1.000894': [
    paper('Tờ khai đăng ký kết hôn theo mẫu', 1, 0),
    paper('Giấy xác nhận tình trạng hôn nhân (khi đăng ký ở nơi không cư trú)', 1, 0, true),
    paper('Giấy tờ tùy thân của hai bên nam, nữ', 0, 2, true),
  ],
  '2.000720': [
    paper('Giấy đề nghị đăng ký hộ kinh doanh', 1, 0),
    paper('Bản sao giấy tờ pháp lý của cá nhân chủ hộ kinh doanh', 0, 1, true),
    paper('Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh', 1, 0),
    paper('Hợp đồng thuê, mượn địa điểm kinh doanh (nếu có)', 0, 1),
  ],
};

function demoProcedure(p: TypicalProcedure): DemoProcedure {
  return {
    code: p.code,
    name: p.name,
    field: p.field,
    level: Math.max(p.level, 2),
    days: p.days,
    fees: p.fees.map(([name, amount]) => ({ name, amount })),
    papers: papersByCode[p.code] ?? papersByField[p.field] ?? defaultPapers,
    result: p.result,
  };
}

/** Every procedure a demo unit may publish, by national code. */
export const demoProcedures: ReadonlyMap<string, DemoProcedure> = new Map(
  [...communeProcedures, ...departmentProcedures].map((p) => [p.code, demoProcedure(p)]),
);

function communeCatalog(c: DemoCommune): TypicalProcedure[] {
  if (c.island) return communeProcedures.filter((p) => ISLAND_FIELDS.has(p.field));
  if (!c.rural) return communeProcedures.filter((p) => !WARD_SKIPS.has(p.field));
  return [...communeProcedures];
}

/** About one procedure in thirty is still a draft; which one moves from unit to unit. */
const statusOf = (unitIndex: number, i: number, code: string): ProcedureStatus =>
  !FORM_CODES.has(code) && (unitIndex * 7 + i) % 31 === 0 ? 'draft' : 'published';

/** Which unit publishes which procedure, and whether it is published yet. */
export function demoAssignments(): DemoAssignment[] {
  const out: DemoAssignment[] = [];
  let unitIndex = 0;
  for (const [unit, fields] of Object.entries(departmentFields)) {
    const list = departmentProcedures.filter((p) => fields.includes(p.field));
    list.forEach((p, i) => out.push({ unit, code: p.code, status: statusOf(unitIndex, i, p.code) }));
    unitIndex++;
  }
  for (const c of demoCommunes) {
    communeCatalog(c).forEach((p, i) =>
      out.push({ unit: c.code, code: p.code, status: statusOf(unitIndex, i, p.code) }),
    );
    unitIndex++;
  }
  return out;
}
