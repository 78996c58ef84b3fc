import type { Tx } from '../../db/transactor';

/**
 * Fields of activity (lĩnh vực) as the national database of administrative procedures names them.
 * The operator may add more through /procedure-fields; this list is what every deployment starts with.
 */
export interface FieldOfActivity {
  code: string;
  name: string;
  nameEn: string;
}

export const fieldsOfActivity: readonly FieldOfActivity[] = [
  { code: 'HO_TICH', name: 'Hộ tịch', nameEn: 'Civil status registration' },
  { code: 'CHUNG_THUC', name: 'Chứng thực', nameEn: 'Certification of copies and signatures' },
  { code: 'LY_LICH_TU_PHAP', name: 'Lý lịch tư pháp', nameEn: 'Judicial records' },
  { code: 'NUOI_CON_NUOI', name: 'Nuôi con nuôi', nameEn: 'Adoption' },
  { code: 'QUOC_TICH', name: 'Quốc tịch', nameEn: 'Nationality' },
  { code: 'HOA_GIAI_CO_SO', name: 'Hòa giải ở cơ sở', nameEn: 'Grassroots mediation' },
  { code: 'CONG_CHUNG', name: 'Công chứng', nameEn: 'Notarization' },
  { code: 'XAY_DUNG', name: 'Xây dựng', nameEn: 'Construction' },
  { code: 'NHA_O', name: 'Nhà ở', nameEn: 'Housing' },
  { code: 'DAT_DAI', name: 'Đất đai', nameEn: 'Land' },
  { code: 'HO_KINH_DOANH', name: 'Thành lập và hoạt động của hộ kinh doanh', nameEn: 'Household businesses' },
  { code: 'HOP_TAC_XA', name: 'Thành lập và hoạt động của hợp tác xã', nameEn: 'Cooperatives' },
  { code: 'DANG_KY_DOANH_NGHIEP', name: 'Đăng ký doanh nghiệp', nameEn: 'Business registration' },
  { code: 'DAU_TU', name: 'Đầu tư tại Việt Nam', nameEn: 'Investment in Vietnam' },
  { code: 'GIAO_DUC_DAO_TAO', name: 'Giáo dục và Đào tạo', nameEn: 'Education and training' },
  { code: 'Y_TE', name: 'Y tế', nameEn: 'Health' },
  { code: 'DUOC', name: 'Dược phẩm', nameEn: 'Pharmaceuticals' },
  { code: 'AN_TOAN_THUC_PHAM', name: 'An toàn thực phẩm', nameEn: 'Food safety' },
  { code: 'LAO_DONG', name: 'Lao động', nameEn: 'Labour' },
  { code: 'VIEC_LAM', name: 'Việc làm', nameEn: 'Employment' },
  { code: 'NGUOI_CO_CONG', name: 'Người có công', nameEn: 'People with meritorious services' },
  { code: 'BAO_TRO_XA_HOI', name: 'Bảo trợ xã hội', nameEn: 'Social protection' },
  { code: 'TRE_EM', name: 'Trẻ em', nameEn: 'Children' },
  { code: 'TAI_NGUYEN_NUOC', name: 'Tài nguyên nước', nameEn: 'Water resources' },
  { code: 'MOI_TRUONG', name: 'Môi trường', nameEn: 'Environment' },
  { code: 'KHOANG_SAN', name: 'Khoáng sản', nameEn: 'Minerals' },
  { code: 'GIAO_THONG_VAN_TAI', name: 'Giao thông vận tải', nameEn: 'Transport' },
  { code: 'VAN_HOA', name: 'Văn hóa', nameEn: 'Culture' },
  { code: 'THE_DUC_THE_THAO', name: 'Thể dục thể thao', nameEn: 'Sports' },
  { code: 'DU_LICH', name: 'Du lịch', nameEn: 'Tourism' },
  { code: 'CONG_THUONG', name: 'Công thương', nameEn: 'Industry and trade' },
  { code: 'NONG_NGHIEP', name: 'Nông nghiệp', nameEn: 'Agriculture' },
  { code: 'THUY_SAN', name: 'Thủy sản', nameEn: 'Fisheries' },
  { code: 'LAM_NGHIEP', name: 'Lâm nghiệp', nameEn: 'Forestry' },
  { code: 'THUE', name: 'Thuế', nameEn: 'Tax' },
  { code: 'KHIEU_NAI_TO_CAO', name: 'Khiếu nại, tố cáo', nameEn: 'Complaints and denunciations' },
  { code: 'TIEP_CONG_DAN', name: 'Tiếp công dân', nameEn: 'Citizen reception' },
  { code: 'THI_DUA_KHEN_THUONG', name: 'Thi đua, khen thưởng', nameEn: 'Emulation and commendation' },
  { code: 'TON_GIAO', name: 'Tín ngưỡng, tôn giáo', nameEn: 'Beliefs and religion' },
  { code: 'KHOA_HOC_CONG_NGHE', name: 'Khoa học và Công nghệ', nameEn: 'Science and technology' },
  { code: 'PHONG_CHONG_THIEN_TAI', name: 'Phòng, chống thiên tai', nameEn: 'Natural disaster prevention' },
];

/**
 * Makes sure every field of the list exists; names the operator changed are left alone. Runs in a
 * system or platform_admin transaction (the demo seed, a deployment's first start).
 */
export async function ensureFieldsOfActivity(tx: Tx): Promise<number> {
  const rows = fieldsOfActivity.map((f) => ({ code: f.code, name: f.name, name_en: f.nameEn }));
  const inserted = (await tx('procedure_fields')
    .insert(rows)
    .onConflict('code')
    .ignore()
    .returning('code')) as {
    code: string;
  }[];
  return inserted.length;
}
