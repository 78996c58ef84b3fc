import type {
  ApologySlipInput,
  PaymentReceiptInput,
  ReceiptSlipInput,
  RefusalSlipInput,
  SupplementRequestInput,
} from '../../src/modules/documents/index';

/** One dossier of Phường Nha Trang, as the slips see it. Instants are UTC; slips print UTC+7. */
export const unit = {
  name: 'Phường Nha Trang',
  code: '000.20.00.H34',
  parentName: 'Ủy ban nhân dân tỉnh Khánh Hòa',
  place: 'Nha Trang',
};
export const applicant = {
  fullName: 'Nguyễn Thị Thùy Dương',
  pid: '056201001234',
  phone: '0905 123 456',
  address: 'Số 12 đường Trần Phú, tổ dân phố Xương Huân, phường Nha Trang, tỉnh Khánh Hòa',
};
export const dossierCode = '000.20.00.H34-261123-0007';
export const procedureName =
  'Đăng ký khai sinh (liên thông đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi)';

export const receipt: ReceiptSlipInput = {
  unit,
  dossierCode,
  procedureName,
  applicant,
  papers: [
    { name: 'Tờ khai đăng ký khai sinh theo mẫu', originals: 1, copies: 0 },
    {
      name: 'Giấy chứng sinh do cơ sở y tế nơi trẻ sinh ra cấp; trường hợp không có giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh',
      originals: 1,
      copies: 0,
    },
    {
      name: 'Giấy chứng nhận kết hôn của cha mẹ trẻ',
      originals: 0,
      copies: 1,
      note: 'Bản sao có chứng thực',
    },
  ],
  // 14:05 on 23/11/2026 and 16:00 on 26/11/2026, Asia/Ho_Chi_Minh.
  receivedAt: new Date('2026-11-23T07:05:00Z'),
  dueAt: new Date('2026-11-26T09:00:00Z'),
  processingDays: 3,
  deskOfficer: 'Trần Văn Hưởng',
  trackingUrl: `https://dichvucong.khanhhoa.example/tra-cuu/${dossierCode}`,
  fee: 8000,
};

export const refusal: RefusalSlipInput = {
  unit,
  procedureName,
  applicant,
  reasons: [
    'Hồ sơ không thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường.',
    'Giấy tờ tùy thân đã hết hạn sử dụng.',
  ],
  legalBasis: 'Luật Hộ tịch năm 2014',
  refusedAt: new Date('2026-11-23T02:30:00Z'),
  deskOfficer: 'Trần Văn Hưởng',
};

export const supplement: SupplementRequestInput = {
  unit,
  dossierCode,
  procedureName,
  applicant,
  items: [
    'Bổ sung bản sao Giấy chứng nhận kết hôn có chứng thực.',
    'Ghi đầy đủ quê quán của người mẹ trong tờ khai.',
  ],
  reason: 'Thành phần hồ sơ chưa đầy đủ theo quy định.',
  requestedAt: new Date('2026-11-23T03:00:00Z'),
  deskOfficer: 'Trần Văn Hưởng',
  contact: { name: 'ông Trần Văn Hưởng', phone: '0258 3822 111' },
};

export const apology: ApologySlipInput = {
  unit,
  dossierCode,
  procedureName,
  applicant,
  receivedAt: receipt.receivedAt,
  dueAt: receipt.dueAt,
  newDueAt: new Date('2026-12-01T09:00:00Z'),
  reason: 'Cần xác minh thông tin cư trú của người mẹ tại địa phương khác.',
  issuedAt: new Date('2026-11-26T08:00:00Z'),
  signer: { name: 'Lê Quang Vinh', title: 'Chủ tịch' },
};

export const payment: PaymentReceiptInput = {
  unit,
  receiptNumber: '0000123',
  series: 'BL/26E',
  dossierCode,
  procedureName,
  payer: { fullName: applicant.fullName, pid: applicant.pid },
  items: [
    { description: 'Lệ phí đăng ký khai sinh có yếu tố nước ngoài', amount: 1_100_000 },
    { description: 'Phí cấp bản sao trích lục', amount: 88_000 },
  ],
  paidAt: new Date('2026-11-23T07:10:00Z'),
  method: 'online',
  transactionRef: '14220001',
  collector: 'Lê Thị Mỹ Hạnh',
};
