/**
 * Filled-in submissions for the demo forms: one a citizen would send, and one with the mistakes a
 * citizen makes (a short ID number, a missing name, an answer for a field the form hides).
 */
type Data = Record<string, unknown>;

const home = { provinceCode: '56', communeCode: '22333', street: '12 Trần Phú' };
const applicant = {
  'applicant.full_name': 'Nguyễn Văn An',
  'applicant.pid': '056201001234',
  'applicant.phone': '0905123456',
};
const person = {
  'applicant.date_of_birth': '1994-01-20',
  'applicant.gender': 'nam',
  'applicant.ethnicity': 'kinh',
  'applicant.nationality': 'VN',
  'applicant.permanent_address': home,
};
const byPost = { 'delivery.by_post': true, 'delivery.postal_address': home };

const birth: Data = {
  ...applicant,
  'applicant.relationship': 'Cha',
  'applicant.current_address': home,
  'child.full_name': 'Nguyễn Minh Khôi',
  'child.date_of_birth': '2025-10-02',
  'child.gender': 'nam',
  'child.place_of_birth': 'Bệnh viện Đa khoa tỉnh Khánh Hòa',
  'child.ethnicity': 'kinh',
  'child.nationality': 'VN',
  'mother.full_name': 'Trần Thị Bình',
  'mother.date_of_birth': '1996-04-12',
  'mother.ethnicity': 'kinh',
  'mother.nationality': 'VN',
  'mother.residence': home,
  'father.full_name': 'Nguyễn Văn An',
  'father.date_of_birth': '1994-01-20',
  'father.nationality': 'VN',
  'father.residence': home,
  ...byPost,
};

const marriage: Data = {
  ...applicant,
  ...person,
  'spouse.full_name': 'Trần Thị Bình',
  'spouse.date_of_birth': '1996-04-12',
  'spouse.ethnicity': 'kinh',
  'spouse.nationality': 'VN',
  'spouse.pid': '056301005678',
  'spouse.residence': home,
  'marriage.previous_marriages': '1',
  'delivery.by_post': false,
};

const business: Data = {
  ...applicant,
  ...person,
  'business.name': 'Hộ kinh doanh Tạp hóa An Bình',
  'business.address': home,
  'business.line_of_business': 'Bán lẻ hàng tạp hóa, đồ uống',
  'business.capital': 150_000_000,
  'business.employees': 3,
  thanh_vien_ho_gia_dinh: [
    {
      'family_member.full_name': 'Trần Thị Bình',
      'family_member.relationship': 'Vợ',
      'family_member.date_of_birth': '1996-04-12',
      'family_member.pid': '056301005678',
    },
  ],
};

const construction: Data = {
  ...applicant,
  'applicant.permanent_address': home,
  'construction.site_address': home,
  'construction.lot_number': '125',
  'construction.map_sheet': '18',
  'construction.purpose': 'nha_o',
  'construction.floors': 3,
  'construction.floor_area': 240.5,
};

const judicial: Data = {
  ...applicant,
  ...person,
  'judicial_record.request_type': 'so_2',
  'judicial_record.purpose': 'Bổ sung hồ sơ xin việc',
  'judicial_record.copies': 2,
  'father.full_name': 'Nguyễn Văn Bảy',
  'mother.full_name': 'Lê Thị Tám',
  ...byPost,
};

export interface Sample {
  good: Data[];
  bad: Data;
  /** Paths (data.<key> or data.<group>.<n>.<key>) the bad sample must be refused at. */
  badAt: string[];
}

const without = (d: Data, ...keys: string[]) =>
  Object.fromEntries(Object.entries(d).filter(([k]) => !keys.includes(k)));
const fatherKeys = ['father.full_name', 'father.date_of_birth', 'father.nationality', 'father.residence'];

export const samples: Record<string, Sample> = {
  // Birth: with and without a father; the bad one answers the father's fields with no father named.
  '1.001193': {
    good: [birth, without(birth, ...fatherKeys)],
    bad: { ...without(birth, 'child.full_name', 'father.full_name'), 'applicant.pid': '05620100' },
    badAt: ['data.applicant.pid', 'data.child.full_name', 'data.father.date_of_birth'],
  },
  // Marriage: the bad one forgets the second party's ID and asks for post without an address.
  '1.000894': {
    good: [marriage, { ...marriage, ...byPost }],
    bad: { ...without(marriage, 'spouse.pid'), 'delivery.by_post': true },
    badAt: ['data.spouse.pid', 'data.delivery.postal_address'],
  },
  // Household business: the household members are a repeating group.
  '2.000720': {
    good: [business, { ...business, thanh_vien_ho_gia_dinh: [] }],
    bad: {
      ...business,
      'business.employees': 25,
      thanh_vien_ho_gia_dinh: [{ 'family_member.full_name': 'Trần Thị Bình' }],
    },
    badAt: ['data.business.employees', 'data.thanh_vien_ho_gia_dinh.0.family_member.pid'],
  },
  '1.009994': {
    good: [construction],
    bad: { ...construction, 'construction.floors': 0, 'construction.purpose': 'nha_may' },
    badAt: ['data.construction.floors', 'data.construction.purpose'],
  },
  '1.009974': {
    good: [{ ...construction, 'construction.purpose': 'thuong_mai', 'construction.floors': 12 }],
    bad: without(construction, 'construction.site_address'),
    badAt: ['data.construction.site_address'],
  },
  // Judicial record: certificate no. 2 asks for the parents; no. 1 hides them.
  '2.000488': {
    good: [
      judicial,
      {
        ...without(judicial, 'father.full_name', 'mother.full_name'),
        'judicial_record.request_type': 'so_1',
      },
    ],
    bad: { ...without(judicial, 'mother.full_name'), 'judicial_record.copies': 11 },
    badAt: ['data.mother.full_name', 'data.judicial_record.copies'],
  },
};
