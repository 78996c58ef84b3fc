import { createHash } from 'node:crypto';
import { verifyResultInput, verifyResultOutput } from '../../modules/results/schema';
import { verifyResult } from '../../modules/results/verify-result';
import { route } from '../route-table';

export const resultVerifyRoutes = [
  route({
    method: 'post',
    path: '/public/results/verify',
    summary:
      'Xác minh kết quả giải quyết TTHC theo số và mã băm SHA-256 (hoặc tệp, base64, tối đa 512 KiB): valid | revoked | unknown / Verify a result by its number and file SHA-256 (or the file, base64, up to 512 KiB)',
    tag: 'public',
    access: { public: true },
    // Nothing to forge: anyone may ask, and the answer changes nothing.
    csrfExempt: true,
    body: verifyResultInput,
    response: verifyResultOutput,
    handler: async (ctx) => {
      const { code, sha256, file } = ctx.body;
      const hash =
        sha256 ??
        createHash('sha256')
          .update(Buffer.from(file ?? '', 'base64'))
          .digest('hex');
      const body = await ctx.publicTx((tx) => verifyResult(tx, { code, sha256: hash }));
      return { body, headers: { 'Cache-Control': 'no-store' } };
    },
  }),
];
