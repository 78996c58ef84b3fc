/**
 * Every failure a caller can act on has a code; http/problem.ts maps codes to HTTP statuses and
 * renders problem+json in one place. The messages table is exhaustive (Record<Code, …>), so a new
 * code without its Vietnamese and English words does not compile.
 */
export type ErrorCode =
  | 'not_found'
  | 'validation_failed'
  | 'malformed_json'
  | 'payload_too_large'
  | 'unauthenticated'
  | 'forbidden'
  | 'tenant_required'
  | 'csrf_failed'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export const errorTitles: Record<ErrorCode, { vi: string; en: string }> = {
  not_found: { vi: 'Không tìm thấy', en: 'Not found' },
  validation_failed: { vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' },
  malformed_json: { vi: 'JSON không đúng cú pháp', en: 'Malformed JSON' },
  payload_too_large: { vi: 'Dữ liệu gửi lên quá lớn', en: 'Payload too large' },
  unauthenticated: { vi: 'Chưa đăng nhập', en: 'Not signed in' },
  forbidden: { vi: 'Không có quyền', en: 'Forbidden' },
  tenant_required: { vi: 'Chưa chọn đơn vị', en: 'No unit selected' },
  csrf_failed: { vi: 'Mã chống giả mạo yêu cầu không hợp lệ', en: 'CSRF token missing or invalid' },
  conflict: { vi: 'Xung đột dữ liệu', en: 'Conflict' },
  rate_limited: { vi: 'Quá nhiều yêu cầu', en: 'Too many requests' },
  unavailable: { vi: 'Dịch vụ tạm thời không sẵn sàng', en: 'Service unavailable' },
  internal: { vi: 'Lỗi hệ thống', en: 'Internal error' },
};

export interface FieldProblem {
  path: string;
  message: string;
  message_en: string;
}

export interface Bilingual {
  vi: string;
  en: string;
}

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly detail: Bilingual,
    public readonly errors: FieldProblem[] = [],
    public readonly extra: Record<string, unknown> = {},
  ) {
    super(detail.en);
  }
}

export const notFound = (what: Bilingual = { vi: 'Không tìm thấy bản ghi', en: 'Record not found' }) =>
  new AppError('not_found', what);

export const conflict = (detail: Bilingual, errors: FieldProblem[] = []) =>
  new AppError('conflict', detail, errors);

export const forbidden = (
  detail: Bilingual = { vi: 'Bạn không có quyền thực hiện thao tác này', en: 'You may not do this' },
) => new AppError('forbidden', detail);
