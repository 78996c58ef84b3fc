import type { Knex } from 'knex';
import { contractsCovering, localDate, type Contract } from '../../billing/src/index';
import { MeteringError } from './errors';

type Tx = Knex.Transaction;

/**
 * May the unit receive a dossier now? It needs an active contract covering today (Asia/Ho_Chi_Minh)
 * and must not itself be suspended. Throws a MeteringError saying why not, in both languages;
 * returns the contract the reception is metered against. Called in the reception transaction.
 */
export async function assertMayReceive(tx: Tx, tenantId: string, now: Date): Promise<Contract> {
  const tenant = (await tx('tenants').select('status', 'status_reason').where({ id: tenantId }).first()) as
    { status: string; status_reason: string | null } | undefined;
  if (tenant && tenant.status !== 'active')
    throw new MeteringError('contract_suspended', {
      vi: `Đơn vị đang bị tạm dừng hoặc đã chấm dứt nên không tiếp nhận được hồ sơ mới${tenant.status_reason ? `: ${tenant.status_reason}` : ''}`,
      en: `The unit is suspended or terminated and cannot receive new dossiers${tenant.status_reason ? `: ${tenant.status_reason}` : ''}`,
    });
  const today = localDate(now);
  const covering = await contractsCovering(tx, tenantId, today);
  const active = covering.find((c) => c.status === 'active');
  if (active) return active;
  const suspended = covering.find((c) => c.status === 'suspended');
  if (suspended)
    throw new MeteringError('contract_suspended', {
      vi: `Hợp đồng thuê dịch vụ của đơn vị đang tạm dừng nên không tiếp nhận được hồ sơ mới. Lý do: ${suspended.statusReason ?? ''}`,
      en: `The unit's service contract is suspended, so it cannot receive new dossiers. Reason: ${suspended.statusReason ?? ''}`,
    });
  throw new MeteringError('no_active_contract', {
    vi: `Đơn vị chưa có hợp đồng thuê dịch vụ còn hiệu lực ngày ${today} nên không tiếp nhận được hồ sơ; liên hệ Sở Thông tin và Truyền thông`,
    en: `The unit has no service contract in force on ${today}, so it cannot receive dossiers; contact the operator`,
  });
}
