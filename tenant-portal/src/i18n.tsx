import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Lang } from './form-renderer/types';

/** The portal's words, Vietnamese first. `{name}` is replaced by the value given. */
const CATALOGUE = {
  portal: ['Cổng Dịch vụ công', 'Public Service Portal'],
  province: ['Tỉnh Khánh Hòa', 'Khánh Hòa Province'],
  skip: ['Bỏ qua, đến nội dung chính', 'Skip to main content'],
  navFind: ['Tìm thủ tục', 'Find a procedure'],
  navUnits: ['Đơn vị', 'Units'],
  navTrack: ['Tra cứu hồ sơ', 'Track a dossier'],
  navVerify: ['Xác minh kết quả', 'Verify a result'],
  navMine: ['Hồ sơ của tôi', 'My dossiers'],
  navStore: ['Kho dữ liệu', 'My data store'],
  signIn: ['Đăng nhập', 'Sign in'],
  signOut: ['Đăng xuất', 'Sign out'],
  switchLang: ['English', 'Tiếng Việt'],
  switchLangLabel: ['Switch to English', 'Chuyển sang tiếng Việt'],
  heroTitle: ['Tìm thủ tục hành chính', 'Find an administrative procedure'],
  heroLead: [
    'Nộp hồ sơ trực tuyến, thanh toán phí, theo dõi và nhận kết quả tại một nơi.',
    'Apply online, pay fees, track your dossier and get the result in one place.',
  ],
  searchLabel: ['Tên thủ tục hoặc mã thủ tục', 'Procedure name or code'],
  searchPlaceholder: ['Ví dụ: khai sinh, ket hon, xây dựng', 'e.g. khai sinh, ket hon, xây dựng'],
  search: ['Tìm kiếm', 'Search'],
  popular: ['Thủ tục được dùng nhiều', 'Most used procedures'],
  popularReceived: ['{n} hồ sơ trong 90 ngày', '{n} dossiers in 90 days'],
  fields: ['Lĩnh vực', 'Fields'],
  units: ['Đơn vị', 'Units'],
  allUnits: ['Xem tất cả đơn vị', 'All units'],
  results: ['{n} thủ tục', '{n} procedures'],
  noResults: ['Không tìm thấy thủ tục phù hợp.', 'No procedure matches.'],
  filters: ['Lọc kết quả', 'Filter results'],
  unit: ['Đơn vị', 'Unit'],
  field: ['Lĩnh vực', 'Field'],
  level: ['Mức độ', 'Level'],
  fee: ['Phí, lệ phí', 'Fees'],
  any: ['Tất cả', 'Any'],
  free: ['Miễn phí', 'Free'],
  paid: ['Có thu phí', 'With fees'],
  level1: ['Cung cấp thông tin', 'Information'],
  level2: ['Tải biểu mẫu', 'Download forms'],
  level3: ['Một phần trực tuyến', 'Partly online'],
  level4: ['Toàn trình trực tuyến', 'Fully online'],
  apply: ['Áp dụng', 'Apply'],
  previous: ['Trang trước', 'Previous page'],
  next: ['Trang sau', 'Next page'],
  pageOf: ['Trang {p}/{n}', 'Page {p} of {n}'],
  days: ['{n} ngày làm việc', '{n} working days'],
  processingTime: ['Thời hạn giải quyết', 'Processing time'],
  decides: ['Cơ quan giải quyết', 'Deciding unit'],
  resultType: ['Kết quả', 'Result'],
  papers: ['Thành phần hồ sơ', 'Required papers'],
  originals: ['{o} bản chính, {c} bản sao', '{o} original(s), {c} copy(ies)'],
  reusable: ['có thể dùng từ kho dữ liệu', 'may come from your data store'],
  description: ['Trình tự thực hiện', 'How it works'],
  noFee: ['Không thu phí', 'No fee'],
  applyOnline: ['Nộp hồ sơ trực tuyến', 'Apply online'],
  signInToApply: ['Đăng nhập để nộp hồ sơ trực tuyến', 'Sign in to apply online'],
  noOnlineForm: ['Thủ tục này chưa có biểu mẫu trực tuyến.', 'This procedure has no online form yet.'],
  loading: ['Đang tải…', 'Loading…'],
  notFound: ['Không tìm thấy trang.', 'Page not found.'],
  backHome: ['Về trang chủ', 'Back to the home page'],
  errorTitle: ['Có lỗi xảy ra', 'Something went wrong'],
  performance: ['Kết quả giải quyết hồ sơ (365 ngày qua)', 'Performance (last 365 days)'],
  onTime: ['Đúng hạn', 'On time'],
  satisfaction: ['Hài lòng', 'Satisfaction'],
  online: ['Nộp trực tuyến', 'Online'],
  received: ['Đã tiếp nhận', 'Received'],
  resolved: ['Đã giải quyết', 'Resolved'],
  ratings: ['{n} lượt đánh giá', '{n} ratings'],
  noFigure: ['chưa có số liệu', 'no data yet'],
  unitProcedures: ['Thủ tục của đơn vị ({n})', 'Procedures of this unit ({n})'],
  findUnit: ['Tìm đơn vị', 'Find a unit'],
  kind_department: ['Sở, ban, ngành', 'Department'],
  kind_district: ['Cấp huyện', 'District'],
  kind_commune: ['Cấp xã', 'Commune'],
  kind_other: ['Khác', 'Other'],
  fillTitle: ['Nộp hồ sơ: {name}', 'Apply: {name}'],
  stepFill: ['1. Điền tờ khai', '1. Fill in the form'],
  stepReview: ['2. Kiểm tra', '2. Review'],
  stepDone: ['3. Hoàn tất', '3. Done'],
  draftSaved: ['Bản nháp đã lưu lúc {t}', 'Draft saved at {t}'],
  draftRestored: ['Đã khôi phục bản nháp lưu lúc {t}.', 'Your draft saved at {t} was restored.'],
  discardDraft: ['Xóa bản nháp', 'Discard draft'],
  prefilled: [
    'Một số trường đã được điền sẵn từ thông tin định danh của bạn.',
    'Some fields were filled in from your identity.',
  ],
  toReview: ['Tiếp tục: kiểm tra tờ khai', 'Continue: review'],
  fixErrors: [
    'Tờ khai còn {n} lỗi, vui lòng sửa các trường được đánh dấu.',
    'The form has {n} problem(s): fix the marked fields.',
  ],
  back: ['Quay lại sửa', 'Back to edit'],
  submit: ['Nộp hồ sơ', 'Submit'],
  submitting: ['Đang nộp…', 'Submitting…'],
  submitted: ['Đã nộp hồ sơ thành công', 'Your dossier was submitted'],
  dossierCode: ['Mã hồ sơ', 'Dossier code'],
  reference: ['Mã tham chiếu', 'Reference'],
  awaitingCode: ['Mã hồ sơ được cấp khi cơ quan tiếp nhận', 'The code is given when the unit receives it'],
  nextSteps: [
    'Cơ quan sẽ kiểm tra hồ sơ và tiếp nhận hoặc yêu cầu bổ sung. Bạn nhận thông báo qua thư điện tử/SMS và theo dõi tại mục "Hồ sơ của tôi". Thời hạn giải quyết: {days} ngày làm việc kể từ khi tiếp nhận.',
    'The unit will check your dossier and receive it or ask for more papers. You are notified by e-mail/SMS and can follow it under "My dossiers". Processing time: {days} working days from reception.',
  ],
  payNow: ['Thanh toán phí {amount}', 'Pay the fee {amount}'],
  viewDossier: ['Xem hồ sơ', 'View the dossier'],
  payResult: ['Kết quả thanh toán', 'Payment result'],
  payChecking: ['Đang xác nhận với cổng thanh toán…', 'Confirming with the payment gateway…'],
  payPaid: ['Đã thanh toán', 'Paid'],
  payPending: [
    'Chưa nhận được xác nhận của cổng thanh toán. Trạng thái sẽ cập nhật khi có kết quả.',
    'The gateway has not confirmed yet. The status updates when it does.',
  ],
  payFailed: ['Thanh toán không thành công ({s}).', 'The payment did not go through ({s}).'],
  receipt: ['Tải biên lai (PDF)', 'Download the receipt (PDF)'],
  feeStatus: ['Phí, lệ phí', 'Fee'],
  fee_none: ['Không thu', 'None'],
  fee_due: ['Chưa thanh toán', 'Not paid'],
  fee_paid: ['Đã thanh toán', 'Paid'],
  fee_refunded: ['Đã hoàn phí', 'Refunded'],
  fee_not_due: ['Không phải nộp', 'Not due'],
  status: ['Trạng thái', 'Status'],
  submittedAt: ['Ngày nộp', 'Submitted'],
  dueAt: ['Hẹn trả kết quả', 'Due'],
  returnedAt: ['Ngày trả kết quả', 'Returned'],
  timeline: ['Quá trình xử lý', 'Timeline'],
  noDossiers: ['Bạn chưa có hồ sơ nào.', 'You have no dossiers yet.'],
  signInNeeded: ['Vui lòng đăng nhập để xem trang này.', 'Please sign in to see this page.'],
  supplementAsked: ['Cơ quan yêu cầu bổ sung hồ sơ', 'The unit asks for more papers'],
  supplementDone: ['Tôi đã bổ sung theo yêu cầu', 'I have supplemented as asked'],
  supplementSent: ['Đã gửi bổ sung.', 'Supplement sent.'],
  result: ['Kết quả giải quyết', 'Result'],
  downloadResult: ['Tải kết quả đã ký số', 'Download the signed result'],
  downloadSignature: ['Tải chữ ký số (.p7s)', 'Download the signature (.p7s)'],
  resultCode: ['Số kết quả', 'Result number'],
  rateTitle: ['Đánh giá mức độ hài lòng', 'Rate your satisfaction'],
  very_satisfied: ['Rất hài lòng', 'Very satisfied'],
  satisfied: ['Hài lòng', 'Satisfied'],
  unsatisfied: ['Không hài lòng', 'Unsatisfied'],
  reasons: ['Lý do chưa hài lòng', 'Why unsatisfied'],
  comment: ['Ý kiến (không bắt buộc)', 'Comment (optional)'],
  sendRating: ['Gửi đánh giá', 'Send rating'],
  rated: ['Bạn đã đánh giá: {level}. Cảm ơn bạn!', 'You rated: {level}. Thank you!'],
  trackTitle: ['Tra cứu tình trạng hồ sơ', 'Track a dossier'],
  trackLabel: ['Mã hồ sơ (trên giấy tiếp nhận)', 'Dossier code (on the receipt slip)'],
  trackNone: ['Không tìm thấy hồ sơ có mã này.', 'No dossier has this code.'],
  procedure: ['Thủ tục', 'Procedure'],
  timeliness: ['Tiến độ', 'Timeliness'],
  early: ['Trước hạn', 'Early'],
  on_time: ['Đúng hạn', 'On time'],
  late: ['Trễ hạn', 'Late'],
  storeTitle: ['Kho dữ liệu cá nhân', 'My personal data store'],
  storeLead: [
    'Giấy tờ đã được tiếp nhận và kết quả đã cấp cho bạn. Khi nộp hồ sơ mới, bạn có thể dùng lại mà không phải tải lên.',
    'Papers accepted before and results issued to you. You can reuse them in a new dossier without uploading.',
  ],
  storeEmpty: ['Kho dữ liệu chưa có giấy tờ nào.', 'Your data store is empty.'],
  kind_paper: ['Giấy tờ', 'Paper'],
  kind_result: ['Kết quả', 'Result'],
  addedAt: ['Ngày lưu', 'Stored'],
  verifyTitle: ['Xác minh kết quả giải quyết', 'Verify a result'],
  verifyLead: [
    'Nhập số kết quả và chọn tệp kết quả (PDF) hoặc nhập mã SHA-256 của tệp để kiểm tra tính xác thực.',
    'Enter the result number and choose the result file (PDF), or enter the file’s SHA-256, to check it is genuine.',
  ],
  verifyCode: ['Số kết quả', 'Result number'],
  verifyFile: ['Tệp kết quả', 'Result file'],
  verifySha: ['Hoặc mã SHA-256 của tệp', 'Or the file’s SHA-256'],
  verify: ['Xác minh', 'Verify'],
  verify_valid: ['Kết quả hợp lệ', 'The result is valid'],
  verify_revoked: ['Kết quả đã bị thu hồi', 'The result was revoked'],
  verify_unknown: [
    'Không xác minh được: số kết quả hoặc tệp không khớp',
    'Not verified: the number or the file does not match',
  ],
  expired: ['đã hết hiệu lực', 'expired'],
  issuedBy: ['Cơ quan cấp', 'Issued by'],
  issuedAt: ['Ngày cấp', 'Issued'],
  status_submitted: ['Đã nộp, chờ tiếp nhận', 'Submitted'],
  status_supplement_requested: ['Yêu cầu bổ sung', 'Supplement requested'],
  status_refused: ['Từ chối tiếp nhận', 'Refused'],
  status_received: ['Đã tiếp nhận', 'Received'],
  status_in_progress: ['Đang xử lý', 'In progress'],
  status_awaiting_supplement: ['Chờ bổ sung', 'Awaiting supplement'],
  status_transferred: ['Chuyển liên thông', 'Transferred'],
  status_approved: ['Đã phê duyệt', 'Approved'],
  status_result_issued: ['Có kết quả', 'Result issued'],
  status_returned: ['Đã trả kết quả', 'Returned'],
  action_submit: ['Nộp hồ sơ', 'Submitted'],
  action_receive: ['Tiếp nhận', 'Received'],
  action_refuse: ['Từ chối', 'Refused'],
  'action_request-supplement': ['Yêu cầu bổ sung', 'Supplement requested'],
  action_supplement: ['Bổ sung', 'Supplemented'],
  action_assign: ['Phân công xử lý', 'Assigned'],
  action_approve: ['Phê duyệt', 'Approved'],
  'action_send-back': ['Trả lại bước trước', 'Sent back'],
  action_transfer: ['Chuyển liên thông', 'Transferred'],
  'action_transfer-returned': ['Nhận lại từ liên thông', 'Back from transfer'],
  action_result: ['Ban hành kết quả', 'Result issued'],
  action_return: ['Trả kết quả', 'Returned'],
  action_apologize: ['Thư xin lỗi, hẹn lại', 'Apology, new date'],
  'action_pay-fee': ['Nộp phí, lệ phí', 'Fee paid'],
  'action_refund-fee': ['Hoàn phí', 'Fee refunded'],
} as const satisfies Record<string, readonly [string, string]>;

export type WordKey = keyof typeof CATALOGUE;
type Vars = Record<string, string | number>;

export interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (key: WordKey, vars?: Vars) => string;
  /** A key built at run time (a status, an action); the key itself when the catalogue lacks it. */
  tk: (key: string, vars?: Vars) => string;
}

const Ctx = createContext<I18n | null>(null);

const fill = (s: string, vars?: Vars) =>
  vars ? s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`)) : s;

/**
 * The reader's language lives in a cookie the server reads too, so it renders procedure pages and the
 * home in that language (no Vietnamese flash before English). localStorage held it before the cookie:
 * still read, so an earlier choice is kept (and written into the cookie on the next switch or visit).
 */
export const LANG_COOKIE = 'portal_lang';
const YEAR_SECONDS = 365 * 24 * 3600;

export function langFromCookie(cookieHeader: string | undefined): Lang | null {
  const m = new RegExp(`(?:^|;\\s*)${LANG_COOKIE}=(en|vi)(?:;|$)`).exec(cookieHeader ?? '');
  return m ? (m[1] as Lang) : null;
}

function storedLang(): Lang | null {
  try {
    const old = localStorage.getItem('portal.lang');
    return old === 'en' || old === 'vi' ? old : null;
  } catch {
    return null;
  }
}

function rememberLang(l: Lang): void {
  document.cookie = `${LANG_COOKIE}=${l}; Path=/; Max-Age=${YEAR_SECONDS}; SameSite=Lax`;
  try {
    localStorage.setItem('portal.lang', l);
  } catch {
    /* private mode: the cookie keeps it */
  }
}

export function initialLang(): Lang {
  if (typeof document === 'undefined') return 'vi';
  const fromCookie = langFromCookie(document.cookie);
  if (fromCookie) return fromCookie;
  const earlier = storedLang();
  if (earlier) rememberLang(earlier);
  return earlier ?? 'vi';
}

/** lang: the language the server rendered in; in the browser the reader's own choice. */
export function I18nProvider({ children, lang: given }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => given ?? initialLang());
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    document.documentElement.lang = l;
    rememberLang(l);
  }, []);
  const value = useMemo<I18n>(() => {
    const i = lang === 'en' ? 1 : 0;
    const tk = (key: string, vars?: Vars) => {
      const entry = (CATALOGUE as Record<string, readonly [string, string]>)[key];
      return fill(entry ? entry[i] : key, vars);
    };
    return { lang, setLang, t: tk, tk };
  }, [lang, setLang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
