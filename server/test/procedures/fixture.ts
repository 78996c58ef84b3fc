import type { Running } from '../../src/boot';
import { ensureFieldsOfActivity } from '../../src/modules/procedures/fields-of-activity';

/** The national fields of activity, as the demo seed and a first start create them (idempotent). */
export const ensureFields = (running: Running) =>
  running.transactor.withSystem((tx) => ensureFieldsOfActivity(tx));

/** A valid create body: two fees, two papers, Hộ tịch, level 3. */
export function procedureBody(over: Record<string, unknown> = {}) {
  return {
    nationalCode: '1.000001',
    name: 'Thủ tục thử',
    fieldCode: 'HO_TICH',
    level: 3,
    processingDays: 5,
    fees: [
      { name: 'Lệ phí', amount: 100_000 },
      { name: 'Phí thẩm định', amount: 500_000 },
    ],
    requiredPapers: [
      { name: 'Tờ khai theo mẫu', originals: 1, copies: 0 },
      { name: 'Căn cước công dân', originals: 0, copies: 1, fromDataStore: true },
    ],
    resultType: 'Giấy chứng nhận',
    ...over,
  };
}
