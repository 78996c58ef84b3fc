import type { Tx } from '../../db/transactor';
import { insertMissingFields, type FieldContent } from './queries';
import type { FieldOption, FieldType, FieldValidation } from './schema';

/**
 * The province's starting dictionary: the fields civil-status, business, construction and
 * judicial-record forms share (seed 000). The operator edits and extends it afterwards.
 */
function f(
  key: string,
  type: FieldType,
  label: string,
  label_en: string,
  more: { options?: FieldOption[]; validation?: FieldValidation; help?: string; help_en?: string } = {},
): FieldContent {
  return {
    key,
    type,
    label,
    label_en,
    options: more.options ?? [],
    validation: more.validation ?? {},
    help: more.help ?? '',
    help_en: more.help_en ?? '',
  };
}

const opt = (value: string, label: string, label_en: string): FieldOption => ({ value, label, label_en });

const GENDER = [opt('nam', 'Nam', 'Male'), opt('nu', 'Nữ', 'Female')];
const NATIONALITY = [
  opt('VN', 'Việt Nam', 'Vietnamese'),
  opt('OTHER', 'Quốc tịch khác', 'Other nationality'),
];
const ETHNICITY = [
  opt('kinh', 'Kinh', 'Kinh'),
  opt('tay', 'Tày', 'Tay'),
  opt('thai', 'Thái', 'Thai'),
  opt('muong', 'Mường', 'Muong'),
  opt('khmer', 'Khmer', 'Khmer'),
  opt('hoa', 'Hoa', 'Hoa'),
  opt('ede', 'Ê Đê', 'E De'),
  opt('raglai', 'Raglai', 'Raglai'),
  opt('cham', 'Chăm', 'Cham'),
  opt('khac', 'Dân tộc khác', 'Other'),
];
const NAME: FieldValidation = { maxLength: 100, pattern: "^[\\p{L} .'-]+$" };
const BIRTH: FieldValidation = { minDate: '1900-01-01' };

/** One person's usual fields under a prefix (father., mother., spouse.). */
function person(prefix: string, vi: string, en: string): FieldContent[] {
  return [
    f(`${prefix}.full_name`, 'text', `Họ, chữ đệm và tên ${vi}`, `${en}'s full name`, { validation: NAME }),
    f(`${prefix}.date_of_birth`, 'date', `Ngày sinh ${vi}`, `${en}'s date of birth`, { validation: BIRTH }),
    f(`${prefix}.ethnicity`, 'select', `Dân tộc ${vi}`, `${en}'s ethnicity`, { options: ETHNICITY }),
    f(`${prefix}.nationality`, 'select', `Quốc tịch ${vi}`, `${en}'s nationality`, { options: NATIONALITY }),
    f(`${prefix}.pid`, 'pid', `Số định danh cá nhân ${vi}`, `${en}'s personal ID number`),
    f(`${prefix}.residence`, 'address', `Nơi cư trú ${vi}`, `${en}'s residence`),
  ];
}

export const coreFields: readonly FieldContent[] = [
  f('applicant.full_name', 'text', 'Họ, chữ đệm và tên', 'Full name', {
    validation: NAME,
    help: 'Viết in hoa có dấu, đúng như trên giấy tờ tùy thân',
    help_en: 'As on your identity document',
  }),
  f('applicant.pid', 'pid', 'Số định danh cá nhân', 'Personal identification number', {
    help: '12 chữ số trên thẻ Căn cước công dân',
    help_en: 'The 12 digits on your citizen identity card',
  }),
  f('applicant.date_of_birth', 'date', 'Ngày, tháng, năm sinh', 'Date of birth', { validation: BIRTH }),
  f('applicant.gender', 'select', 'Giới tính', 'Gender', { options: GENDER }),
  f('applicant.ethnicity', 'select', 'Dân tộc', 'Ethnicity', { options: ETHNICITY }),
  f('applicant.nationality', 'select', 'Quốc tịch', 'Nationality', { options: NATIONALITY }),
  f('applicant.phone', 'phone', 'Số điện thoại', 'Phone number'),
  f('applicant.email', 'email', 'Thư điện tử', 'E-mail'),
  f('applicant.permanent_address', 'address', 'Nơi thường trú', 'Permanent residence'),
  f('applicant.current_address', 'address', 'Nơi ở hiện tại', 'Current address'),
  f(
    'applicant.relationship',
    'text',
    'Quan hệ với người được khai',
    'Relationship to the person registered',
    {
      validation: { maxLength: 50 },
    },
  ),
  f('child.full_name', 'text', 'Họ, chữ đệm và tên người được khai sinh', 'Child’s full name', {
    validation: NAME,
  }),
  f('child.date_of_birth', 'date', 'Ngày, tháng, năm sinh', 'Child’s date of birth', { validation: BIRTH }),
  f('child.gender', 'select', 'Giới tính', 'Child’s gender', { options: GENDER }),
  f('child.place_of_birth', 'text', 'Nơi sinh', 'Place of birth', {
    validation: { maxLength: 300 },
    help: 'Tên cơ sở y tế hoặc địa chỉ nơi sinh',
    help_en: 'The hospital, or the address where the child was born',
  }),
  f('child.ethnicity', 'select', 'Dân tộc', 'Child’s ethnicity', { options: ETHNICITY }),
  f('child.nationality', 'select', 'Quốc tịch', 'Child’s nationality', { options: NATIONALITY }),
  ...person('father', 'của cha', 'Father'),
  ...person('mother', 'của mẹ', 'Mother'),
  ...person('spouse', 'của vợ/chồng', 'Spouse'),
  f('marriage.previous_marriages', 'select', 'Kết hôn lần thứ mấy', 'Which marriage is this', {
    options: [
      opt('1', 'Lần đầu', 'First'),
      opt('2', 'Lần thứ hai', 'Second'),
      opt('3', 'Lần thứ ba trở lên', 'Third or later'),
    ],
  }),
  f('marriage.registration_date', 'date', 'Ngày đăng ký kết hôn dự kiến', 'Intended registration date'),
  f('business.name', 'text', 'Tên hộ kinh doanh', 'Business name', { validation: { maxLength: 200 } }),
  f('business.tax_code', 'tax_code', 'Mã số thuế', 'Tax code'),
  f('business.capital', 'number', 'Vốn kinh doanh (đồng)', 'Capital (VND)', {
    validation: { min: 0, max: 1e13, integer: true },
  }),
  f('business.address', 'address', 'Địa điểm kinh doanh', 'Business location'),
  f('business.line_of_business', 'long_text', 'Ngành, nghề kinh doanh', 'Lines of business', {
    validation: { maxLength: 2000 },
  }),
  f('business.employees', 'number', 'Số lượng lao động', 'Number of employees', {
    validation: { min: 0, max: 10, integer: true },
    help: 'Hộ kinh doanh sử dụng dưới 10 lao động',
    help_en: 'A household business employs fewer than ten people',
  }),
  f('construction.lot_number', 'text', 'Thửa đất số', 'Land lot number', { validation: { maxLength: 20 } }),
  f('construction.map_sheet', 'text', 'Tờ bản đồ số', 'Cadastral map sheet', {
    validation: { maxLength: 20 },
  }),
  f('construction.site_address', 'address', 'Địa điểm xây dựng', 'Construction site'),
  f('construction.floor_area', 'number', 'Tổng diện tích sàn (m²)', 'Total floor area (m²)', {
    validation: { min: 1, max: 1000000 },
  }),
  f('construction.floors', 'number', 'Số tầng', 'Number of floors', {
    validation: { min: 1, max: 100, integer: true },
  }),
  f('construction.purpose', 'select', 'Mục đích sử dụng công trình', 'Building use', {
    options: [
      opt('nha_o', 'Nhà ở riêng lẻ', 'Detached house'),
      opt('thuong_mai', 'Thương mại, dịch vụ', 'Commercial'),
      opt('hon_hop', 'Hỗn hợp', 'Mixed use'),
    ],
  }),
  f('judicial_record.purpose', 'text', 'Mục đích sử dụng phiếu', 'Purpose of the certificate', {
    validation: { maxLength: 300 },
  }),
  f('judicial_record.request_type', 'select', 'Loại phiếu yêu cầu', 'Certificate type', {
    options: [
      opt('so_1', 'Phiếu lý lịch tư pháp số 1', 'Judicial record certificate no. 1'),
      opt('so_2', 'Phiếu lý lịch tư pháp số 2', 'Judicial record certificate no. 2'),
    ],
  }),
  f('judicial_record.copies', 'number', 'Số lượng phiếu yêu cầu cấp', 'Number of copies', {
    validation: { min: 1, max: 10, integer: true },
  }),
  f('family_member.full_name', 'text', 'Họ, chữ đệm và tên thành viên', 'Member’s full name', {
    validation: NAME,
  }),
  f('family_member.relationship', 'text', 'Quan hệ với người yêu cầu', 'Relationship to the applicant', {
    validation: { maxLength: 50 },
  }),
  f('family_member.date_of_birth', 'date', 'Ngày sinh thành viên', 'Member’s date of birth', {
    validation: BIRTH,
  }),
  f('family_member.pid', 'pid', 'Số định danh cá nhân thành viên', 'Member’s personal ID number'),
  f('delivery.by_post', 'boolean', 'Nhận kết quả qua bưu chính', 'Receive the result by post'),
  f('delivery.postal_address', 'address', 'Địa chỉ nhận kết quả', 'Postal address for the result'),
  f('attachment.id_card_copy', 'file', 'Bản sao giấy tờ tùy thân', 'Copy of the identity document'),
];

/**
 * Adds the core fields the dictionary lacks. Idempotent, and never overwrites what the operator
 * edited. Needs a platform_admin or system transaction.
 */
export async function ensureCoreDictionary(tx: Tx): Promise<{ inserted: number }> {
  return { inserted: await insertMissingFields(tx, coreFields) };
}
