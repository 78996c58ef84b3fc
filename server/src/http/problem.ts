import type { ErrorRequestHandler, Request } from 'express';
import type { Logger } from 'pino';
import { AppError, errorTitles, type ErrorCode } from '../errors';
import { BillingError, type BillingErrorCode } from '../../../billing/src/errors';
import { MeteringError, type MeteringErrorCode } from '../../../metering/src/errors';

/** Domain packages cannot import AppError; their codes become ours here. */
const meteringCodes: Record<MeteringErrorCode, ErrorCode> = {
  no_active_contract: 'conflict',
  contract_suspended: 'conflict',
  invalid_usage_batch: 'validation_failed',
};
const billingCodes: Record<BillingErrorCode, ErrorCode> = {
  not_found: 'not_found',
  invalid: 'validation_failed',
  conflict: 'conflict',
};

const statusOf: Record<ErrorCode, number> = {
  not_found: 404,
  validation_failed: 400,
  malformed_json: 400,
  payload_too_large: 413,
  unauthenticated: 401,
  forbidden: 403,
  tenant_required: 400,
  csrf_failed: 403,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export function problemBody(err: AppError, req: Request) {
  const title = errorTitles[err.code];
  return {
    type: `urn:motcua:problem:${err.code}`,
    title: title.vi,
    title_en: title.en,
    status: statusOf[err.code],
    detail: err.detail.vi,
    detail_en: err.detail.en,
    instance: req.originalUrl,
    request_id: req.id,
    ...(err.errors.length > 0 ? { errors: err.errors } : {}),
    ...err.extra,
  };
}

interface HttpishError {
  type?: string;
  status?: number;
  expose?: boolean;
}

/** Errors raised by body-parser and friends, turned into our codes; anything else is internal. */
function normalize(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof MeteringError)
    return new AppError(meteringCodes[err.code], err.detail, err.errors, { reason: err.code });
  if (err instanceof BillingError) return new AppError(billingCodes[err.code], err.detail, err.errors);
  const e = err as HttpishError;
  if (e?.type === 'entity.parse.failed')
    return new AppError('malformed_json', {
      vi: 'Nội dung JSON không đọc được',
      en: 'The JSON body could not be parsed',
    });
  if (e?.type === 'entity.too.large')
    return new AppError('payload_too_large', {
      vi: 'Nội dung gửi lên vượt quá giới hạn',
      en: 'The body exceeds the size limit',
    });
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
    return new AppError('validation_failed', { vi: 'Bảng mã không được hỗ trợ', en: 'Unsupported encoding' });
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.expose)
    return new AppError('validation_failed', { vi: 'Yêu cầu không hợp lệ', en: 'Bad request' });
  return new AppError('internal', {
    vi: 'Đã có lỗi, vui lòng thử lại sau',
    en: 'Something went wrong; try again later',
  });
}

/** The single place errors become HTTP: problem+json, never a stack trace. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appErr = normalize(err);
    if (appErr.code === 'internal') logger.error({ err, reqId: req.id }, 'unhandled error');
    const body = problemBody(appErr, req);
    res.status(body.status).type('application/problem+json').json(body);
  };
}
