import type { Knex } from 'knex';
import { localDate, unitWithContracts, type Contract } from '../../billing/src/index';
import { MeteringError } from './errors';

type Tx = Knex.Transaction;

/**
 * May the unit receive a dossier now? It needs an active contract covering today (Asia/Ho_Chi_Minh)
 * and must not itself be suspended. Throws a MeteringError saying why not, in both languages;
 * returns the contract the reception is metered against. Called in the reception transaction.
 */
export async function assertMayReceive(tx: Tx, tenantId: string, now: Date): Promise<Contract> {
  return (await receptionContracts(tx, tenantId, now)).contract;
}

/**
 * assertMayReceive's check, also returning every contract of the unit, so that the reception's
 * usage record (recordUsage's `contracts`) does not read them again: one statement in all.
 */
export async function receptionContracts(
  tx: Tx,
  tenantId: string,
  now: Date,
): Promise<{ contract: Contract; contracts: Contract[] }> {
  const { unit: tenant, contracts } = await unitWithContracts(tx, tenantId);
  if (tenant && tenant.status !== 'active')
    throw new MeteringError('contract_suspended', {
      vi: `Đơn vị đang bị tạm dừng hoặc đã chấm dứt nên không tiếp nhận được hồ sơ mới${tenant.statusReason ? `: ${tenant.statusReason}` : ''}`,
      en: `The unit is suspended or terminated and cannot receive new dossiers${tenant.statusReason ? `: ${tenant.statusReason}` : ''}`,
    });
  const today = localDate(now);
  // The latest-starting first, as contracts covering one day may include an ended one's successor.
  const covering = contracts.filter((c) => c.startDate <= today && today <= c.lastDay).reverse();
  const active = covering.find((c) => c.status === 'active');
  if (active) return { contract: active, contracts };
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
