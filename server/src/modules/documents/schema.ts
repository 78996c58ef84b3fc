/**
 * What the slip renderers take. Plain data in, PDF bytes out: the dossier workflow gathers it
 * (unit, dossier, procedure, applicant, papers, officer) and calls a renderer.
 */
export interface SlipUnit {
  /** e.g. "Phường Nha Trang" */
  name: string;
  /** The unit's national electronic identifier, e.g. 000.20.00.H34. */
  code: string;
  /** The governing body printed above the unit (tên cơ quan chủ quản), e.g. "UBND tỉnh Khánh Hòa". */
  parentName?: string;
  /** The place in the date line ("Nha Trang, ngày … tháng … năm …"). */
  place?: string;
}

export interface Applicant {
  fullName: string;
  /** Personal identification number (số định danh cá nhân) or a business's tax code. */
  pid?: string;
  phone?: string;
  email?: string;
  address?: string;
}

export interface PaperLine {
  name: string;
  originals: number;
  copies: number;
  note?: string;
}

export interface ReceiptSlipInput {
  unit: SlipUnit;
  dossierCode: string;
  procedureName: string;
  applicant: Applicant;
  papers: PaperLine[];
  receivedAt: Date;
  dueAt: Date;
  /** Processing time set by law, in working days. */
  processingDays?: number;
  deskOfficer: string;
  /** The public tracking page, `<publicUrl>/tra-cuu/<code>`; printed and encoded in the QR code. */
  trackingUrl: string;
  /** Fees and charges in đồng. */
  fee?: number;
  /** Where the result is returned: "Tại Bộ phận Một cửa", "Qua dịch vụ bưu chính" … */
  resultDelivery?: string;
}

export interface RefusalSlipInput {
  unit: SlipUnit;
  /** Absent when the dossier was refused before it was given a code. */
  dossierCode?: string;
  procedureName: string;
  applicant: Applicant;
  reasons: string[];
  /** The legal document the refusal rests on ("Căn cứ quy định tại …"). */
  legalBasis?: string;
  refusedAt: Date;
  deskOfficer: string;
}

export interface SupplementRequestInput {
  unit: SlipUnit;
  dossierCode: string;
  procedureName: string;
  applicant: Applicant;
  /** What to add or correct, one item each. */
  items: string[];
  reason?: string;
  requestedAt: Date;
  deskOfficer: string;
  /** Whom to ask while completing the dossier. */
  contact?: { name: string; phone?: string };
}

export interface ApologySlipInput {
  unit: SlipUnit;
  dossierCode: string;
  procedureName: string;
  applicant: Applicant;
  receivedAt: Date;
  dueAt: Date;
  newDueAt: Date;
  reason: string;
  issuedAt: Date;
  /** Head of the unit who signs (Thủ trưởng cơ quan); title defaults to "THỦ TRƯỞNG CƠ QUAN". */
  signer?: { name: string; title?: string };
}

export interface PaymentItem {
  description: string;
  /** đồng */
  amount: number;
}

export interface PaymentReceiptInput {
  unit: SlipUnit;
  /** Receipt number (số biên lai) and its series (ký hiệu). */
  receiptNumber: string;
  series?: string;
  dossierCode?: string;
  procedureName?: string;
  payer: { fullName: string; pid?: string; address?: string };
  items: PaymentItem[];
  paidAt: Date;
  method: 'cash' | 'transfer' | 'online';
  /** The gateway's transaction reference for online payments. */
  transactionRef?: string;
  collector: string;
  /** Print the total in words ("Bằng chữ: …"); on by default. */
  amountInWords?: boolean;
}
