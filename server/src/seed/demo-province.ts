import type { PlatformRole, TenantRole } from '../db/transactor';
import type { Tenant } from '../modules/tenancy/schema';
import { demoCommunes } from './demo-communes';

/**
 * The demo province: a Khánh Hòa-like province after the 2025 two-level reform — the provincial
 * people's committee, its departments and its communes/wards. Unit codes follow the shape of the
 * national electronic identifier (TT 01/2018/TT-VPCP Art. 19). 200 units: the committee, 20
 * departments and agencies, 179 communes (demo-communes.ts); their catalogs are in demo-catalog.ts.
 */
export interface DemoUnit {
  code: string;
  name: string;
  kind: Tenant['kind'];
  parent?: string;
}

export const PROVINCE = '000.00.00.H34';

const departments: [string, string][] = [
  ['01', 'Văn phòng Ủy ban nhân dân tỉnh'],
  ['02', 'Sở Nội vụ'],
  ['03', 'Sở Tư pháp'],
  ['04', 'Sở Tài chính'],
  ['05', 'Sở Công Thương'],
  ['06', 'Sở Xây dựng'],
  ['07', 'Sở Nông nghiệp và Môi trường'],
  ['08', 'Sở Khoa học và Công nghệ'],
  ['09', 'Sở Giáo dục và Đào tạo'],
  ['10', 'Sở Y tế'],
  ['11', 'Sở Văn hóa, Thể thao và Du lịch'],
  ['12', 'Sở Dân tộc và Tôn giáo'],
  ['13', 'Thanh tra tỉnh'],
  ['14', 'Ban Quản lý Khu kinh tế Vân Phong'],
  ['15', 'Ban Quản lý các khu công nghiệp tỉnh'],
  ['16', 'Thuế tỉnh Khánh Hòa'],
  ['17', 'Văn phòng Đăng ký đất đai tỉnh'],
  ['18', 'Trung tâm Dịch vụ việc làm tỉnh'],
  ['19', 'Chi cục Chăn nuôi và Thú y'],
  ['20', 'Trung tâm Phục vụ hành chính công tỉnh'],
];

export const demoUnits: DemoUnit[] = [
  { code: PROVINCE, name: 'Ủy ban nhân dân tỉnh Khánh Hòa', kind: 'other' },
  ...departments.map(([n, name]): DemoUnit => ({
    code: `000.00.${n}.H34`,
    name,
    kind: 'department',
    parent: PROVINCE,
  })),
  ...demoCommunes.map((c): DemoUnit => ({ code: c.code, name: c.name, kind: 'commune', parent: PROVINCE })),
];

export interface DemoPerson {
  sub: string;
  name: string;
  email: string;
  password: string;
  platformRoles?: PlatformRole[];
  memberships?: { unit: string; roles: TenantRole[] }[];
  /** Citizens carry a 12-digit personal identification number. */
  pid?: string;
}

export const DEMO_PASSWORD = 'demo123';

function unitStaff(prefix: string, unit: string, unitName: string): DemoPerson[] {
  const roles: [string, TenantRole, string][] = [
    ['admin', 'tenant_admin', 'Quản trị'],
    ['motcua', 'desk_officer', 'Cán bộ một cửa'],
    ['chuyenvien', 'processing_officer', 'Chuyên viên'],
    ['lanhdao', 'leader', 'Lãnh đạo'],
  ];
  return roles.map(([suffix, role, title]) => ({
    sub: `${prefix}.${suffix}`,
    name: `${title} ${unitName}`,
    email: `${prefix}.${suffix}@khanhhoa.gov.vn`,
    password: DEMO_PASSWORD,
    memberships: [{ unit, roles: [role] }],
  }));
}

export const demoStaff: DemoPerson[] = [
  {
    sub: 'vanhanh',
    name: 'Cán bộ vận hành Sở KH&CN',
    email: 'vanhanh@khanhhoa.gov.vn',
    password: DEMO_PASSWORD,
    platformRoles: ['platform_admin'],
  },
  {
    sub: 'taichinh',
    name: 'Chuyên viên Sở Tài chính',
    email: 'taichinh@khanhhoa.gov.vn',
    password: DEMO_PASSWORD,
    platformRoles: ['finance'],
  },
  ...unitStaff('stp', '000.00.03.H34', 'Sở Tư pháp'),
  ...unitStaff('sxd', '000.00.06.H34', 'Sở Xây dựng'),
  ...unitStaff('pnt', '000.20.00.H34', 'Phường Nha Trang'),
  ...unitStaff('xcl', '000.28.00.H34', 'Xã Cam Lâm'),
];

export const demoCitizens: DemoPerson[] = [
  {
    sub: 'congdan1',
    name: 'Nguyễn Văn An',
    email: 'an.nguyen@example.vn',
    password: DEMO_PASSWORD,
    pid: '056201001234',
  },
  {
    sub: 'congdan2',
    name: 'Trần Thị Bình',
    email: 'binh.tran@example.vn',
    password: DEMO_PASSWORD,
    pid: '056301005678',
  },
  {
    sub: 'congdan3',
    name: 'Lê Hoàng Cường',
    email: 'cuong.le@example.vn',
    password: DEMO_PASSWORD,
    pid: '079099012345',
  },
];
