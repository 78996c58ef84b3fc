import type {
  AttachmentSpec,
  FieldItem,
  FormDefinition,
  GroupItem,
  VisibleWhen,
} from '../modules/forms/definition';

/**
 * The demo's complete online forms, built from the shared dictionary (core-fields.ts) as a unit's
 * admin would build them: the five priority procedures of the issue, with sections, conditions,
 * a repeating group and the papers to attach. seed-forms.ts publishes them through the forms
 * service at every unit whose catalog carries the procedure.
 */
export interface DemoForm {
  /** National code of the procedure the form belongs to. */
  procedure: string;
  name: string;
  definition: FormDefinition;
}

type Extra = Omit<FieldItem, 'kind' | 'key'>;
const field = (key: string, extra: Extra = {}): FieldItem => ({ kind: 'field', key, ...extra });
const req = (key: string, extra: Extra = {}): FieldItem => field(key, { ...extra, required: true });

const PDF_OR_IMAGE: AttachmentSpec['accept'] = ['application/pdf', 'image/jpeg', 'image/png'];
const attachment = (
  id: string,
  name: string,
  name_en: string,
  required: boolean,
  more: Partial<AttachmentSpec> = {},
): AttachmentSpec => ({ id, name, name_en, required, accept: PDF_OR_IMAGE, maxSizeMb: 10, ...more });

/** How the result comes back: at the desk, or by post to an address asked for only then. */
const delivery = {
  id: 'nhan_ket_qua',
  title: 'Hình thức nhận kết quả',
  title_en: 'How to receive the result',
  items: [
    field('delivery.by_post'),
    req('delivery.postal_address', { visibleWhen: { field: 'delivery.by_post', equals: true } }),
  ],
};

const contact = [req('applicant.phone'), field('applicant.email')];

const birthRegistration: DemoForm = {
  procedure: '1.001193',
  name: 'Tờ khai đăng ký khai sinh',
  definition: {
    sections: [
      {
        id: 'nguoi_yeu_cau',
        title: 'Người yêu cầu đăng ký khai sinh',
        title_en: 'Person registering the birth',
        items: [
          req('applicant.full_name'),
          req('applicant.pid'),
          req('applicant.relationship', {
            label: 'Quan hệ với người được khai sinh',
            label_en: 'Relationship to the child',
          }),
          req('applicant.current_address', { label: 'Nơi cư trú', label_en: 'Residence' }),
          ...contact,
        ],
      },
      {
        id: 'nguoi_duoc_khai_sinh',
        title: 'Người được khai sinh',
        title_en: 'The child',
        items: [
          req('child.full_name'),
          req('child.date_of_birth'),
          req('child.gender'),
          req('child.place_of_birth'),
          req('child.ethnicity'),
          req('child.nationality'),
        ],
      },
      {
        id: 'me',
        title: 'Thông tin người mẹ',
        title_en: 'Mother',
        items: [
          req('mother.full_name'),
          req('mother.date_of_birth'),
          req('mother.ethnicity'),
          req('mother.nationality'),
          field('mother.pid'),
          req('mother.residence'),
        ],
      },
      {
        id: 'cha',
        title: 'Thông tin người cha',
        title_en: 'Father',
        // A child whose father is not yet established is registered without him (Luật Hộ tịch, Art. 15).
        items: [
          field('father.full_name', {
            help: 'Để trống nếu chưa xác định được cha',
            help_en: 'Leave empty when the father is not established',
          }),
          ...fatherDetails({ field: 'father.full_name', notEmpty: true }),
        ],
      },
      delivery,
    ],
    attachments: [
      attachment('giay_chung_sinh', 'Giấy chứng sinh', 'Birth certificate from the hospital', true),
      attachment(
        'ket_hon_cha_me',
        'Giấy chứng nhận kết hôn của cha, mẹ',
        'Parents’ marriage certificate',
        false,
        { fromDataStore: true },
      ),
      attachment(
        'van_ban_uy_quyen',
        'Văn bản ủy quyền (khi người khác đi đăng ký thay)',
        'Power of attorney (when someone else registers)',
        false,
      ),
    ],
  },
};

function fatherDetails(shown: VisibleWhen): FieldItem[] {
  return [
    req('father.date_of_birth', { visibleWhen: shown }),
    field('father.ethnicity', { visibleWhen: shown }),
    req('father.nationality', { visibleWhen: shown }),
    field('father.pid', { visibleWhen: shown }),
    req('father.residence', { visibleWhen: shown }),
  ];
}

const marriageRegistration: DemoForm = {
  procedure: '1.000894',
  name: 'Tờ khai đăng ký kết hôn',
  definition: {
    sections: [
      {
        id: 'ben_thu_nhat',
        title: 'Bên thứ nhất (người nộp hồ sơ)',
        title_en: 'First party (the applicant)',
        items: [
          req('applicant.full_name'),
          req('applicant.date_of_birth'),
          req('applicant.gender'),
          req('applicant.ethnicity'),
          req('applicant.nationality'),
          req('applicant.pid'),
          req('applicant.permanent_address', { label: 'Nơi cư trú', label_en: 'Residence' }),
          ...contact,
        ],
      },
      {
        id: 'ben_thu_hai',
        title: 'Bên thứ hai',
        title_en: 'Second party',
        items: [
          req('spouse.full_name'),
          req('spouse.date_of_birth'),
          req('spouse.ethnicity'),
          req('spouse.nationality'),
          req('spouse.pid'),
          req('spouse.residence'),
        ],
      },
      {
        id: 'dang_ky',
        title: 'Nội dung đăng ký',
        title_en: 'Registration',
        items: [req('marriage.previous_marriages'), field('marriage.registration_date')],
      },
      delivery,
    ],
    attachments: [
      attachment(
        'xac_nhan_hon_nhan',
        'Giấy xác nhận tình trạng hôn nhân (khi đăng ký ở nơi không cư trú)',
        'Certificate of marital status (when registering away from residence)',
        false,
        { fromDataStore: true },
      ),
      attachment(
        'quyet_dinh_ly_hon',
        'Bản án, quyết định ly hôn đã có hiệu lực (nếu đã từng kết hôn)',
        'Final divorce judgment (if married before)',
        false,
      ),
    ],
  },
};

const familyMembers: GroupItem = {
  kind: 'group',
  id: 'thanh_vien_ho_gia_dinh',
  title: 'Thành viên hộ gia đình cùng đăng ký',
  title_en: 'Household members registering together',
  repeat: { min: 0, max: 20 },
  items: [
    req('family_member.full_name'),
    req('family_member.relationship', { label: 'Quan hệ với chủ hộ', label_en: 'Relationship to the owner' }),
    req('family_member.date_of_birth'),
    req('family_member.pid'),
  ],
};

const householdBusiness: DemoForm = {
  procedure: '2.000720',
  name: 'Giấy đề nghị đăng ký hộ kinh doanh',
  definition: {
    sections: [
      {
        id: 'chu_ho',
        title: 'Chủ hộ kinh doanh',
        title_en: 'Owner of the household business',
        items: [
          req('applicant.full_name'),
          req('applicant.date_of_birth'),
          req('applicant.gender'),
          req('applicant.ethnicity'),
          req('applicant.nationality'),
          req('applicant.pid'),
          req('applicant.permanent_address'),
          field('applicant.current_address'),
          ...contact,
        ],
      },
      {
        id: 'ho_kinh_doanh',
        title: 'Thông tin hộ kinh doanh',
        title_en: 'The business',
        items: [
          req('business.name'),
          req('business.address'),
          req('business.line_of_business'),
          req('business.capital'),
          req('business.employees'),
          field('business.tax_code', {
            help: 'Nếu hộ kinh doanh đã có mã số thuế',
            help_en: 'If the business already has one',
          }),
        ],
      },
      { id: 'thanh_vien', title: 'Hộ gia đình', title_en: 'The household', items: [familyMembers] },
      delivery,
    ],
    attachments: [
      attachment(
        'bien_ban_hop',
        'Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh',
        'Minutes of the household members’ meeting',
        false,
      ),
      attachment(
        'hop_dong_dia_diem',
        'Hợp đồng thuê, mượn địa điểm kinh doanh',
        'Lease of the business premises',
        false,
      ),
    ],
  },
};

function constructionPermit(procedure: string, scope: 'house' | 'works'): DemoForm {
  return {
    procedure,
    name: 'Đơn đề nghị cấp giấy phép xây dựng',
    definition: {
      sections: [
        {
          id: 'chu_dau_tu',
          title: 'Chủ đầu tư',
          title_en: 'Owner',
          items: [
            req('applicant.full_name', {
              label: scope === 'house' ? 'Họ và tên chủ hộ' : 'Người đại diện chủ đầu tư',
            }),
            req('applicant.pid'),
            req('applicant.permanent_address', { label: 'Địa chỉ liên hệ', label_en: 'Contact address' }),
            ...contact,
          ],
        },
        {
          id: 'cong_trinh',
          title: 'Thông tin công trình',
          title_en: 'The building',
          items: [
            req('construction.site_address'),
            req('construction.lot_number'),
            req('construction.map_sheet'),
            req('construction.purpose'),
            req('construction.floors'),
            req('construction.floor_area'),
          ],
        },
        delivery,
      ],
      attachments: [
        attachment(
          'gcn_quyen_su_dung_dat',
          'Giấy tờ chứng minh quyền sử dụng đất',
          'Proof of land use rights',
          true,
          { fromDataStore: true },
        ),
        attachment('ban_ve_thiet_ke', 'Bản vẽ thiết kế xây dựng', 'Construction drawings', true, {
          accept: ['application/pdf'],
          maxSizeMb: 50,
        }),
        ...(scope === 'works'
          ? [
              attachment(
                'ket_qua_tham_dinh',
                'Văn bản thông báo kết quả thẩm định thiết kế xây dựng',
                'Design appraisal result',
                true,
                { accept: ['application/pdf'] },
              ),
            ]
          : []),
      ],
    },
  };
}

const so2: VisibleWhen = { field: 'judicial_record.request_type', equals: 'so_2' };

const judicialRecord: DemoForm = {
  procedure: '2.000488',
  name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp',
  definition: {
    sections: [
      {
        id: 'nguoi_yeu_cau',
        title: 'Người yêu cầu cấp Phiếu lý lịch tư pháp',
        title_en: 'Applicant',
        items: [
          req('applicant.full_name'),
          req('applicant.gender'),
          req('applicant.date_of_birth'),
          req('applicant.ethnicity'),
          req('applicant.nationality'),
          req('applicant.pid'),
          req('applicant.permanent_address'),
          field('applicant.current_address'),
          ...contact,
        ],
      },
      {
        id: 'yeu_cau',
        title: 'Nội dung yêu cầu',
        title_en: 'Request',
        items: [
          req('judicial_record.request_type'),
          req('judicial_record.purpose'),
          req('judicial_record.copies'),
        ],
      },
      {
        id: 'than_nhan',
        title: 'Cha, mẹ, vợ hoặc chồng (Phiếu số 2)',
        title_en: 'Parents and spouse (certificate no. 2)',
        // Certificate no. 2 lists the full record, and the register looks the person up by family.
        items: [
          req('father.full_name', { visibleWhen: so2 }),
          req('mother.full_name', { visibleWhen: so2 }),
          field('spouse.full_name', { visibleWhen: so2 }),
        ],
      },
      delivery,
    ],
    attachments: [
      attachment('giay_to_tuy_than', 'Bản chụp giấy tờ tùy thân', 'Copy of the identity document', true, {
        fromDataStore: true,
      }),
      attachment(
        'xac_nhan_cu_tru',
        'Giấy tờ chứng minh nơi thường trú hoặc tạm trú',
        'Proof of residence',
        false,
        { fromDataStore: true },
      ),
    ],
  },
};

export const demoForms: readonly DemoForm[] = [
  birthRegistration,
  marriageRegistration,
  householdBusiness,
  constructionPermit('1.009994', 'house'),
  constructionPermit('1.009974', 'works'),
  judicialRecord,
];
