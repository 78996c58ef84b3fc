import { BillingError } from '../errors';
import type { ContractStatus } from './schema';

/** The contract's state machine as data: suspension is reversible, termination is final. */
export const contractTransitions: Record<ContractStatus, readonly ContractStatus[]> = {
  active: ['suspended', 'terminated'],
  suspended: ['active', 'terminated'],
  terminated: [],
};

const words: Record<ContractStatus, string> = {
  active: 'đang hiệu lực',
  suspended: 'tạm dừng',
  terminated: 'đã chấm dứt',
};

export function assertContractTransition(from: ContractStatus, to: ContractStatus): void {
  if (!contractTransitions[from].includes(to))
    throw new BillingError('conflict', {
      vi: `Không thể chuyển hợp đồng từ trạng thái "${words[from]}" sang "${words[to]}"`,
      en: `A contract cannot go from ${from} to ${to}`,
    });
}
