import type { Tx } from '../../db/transactor';
import { AppError, conflict, notFound } from '../../errors';
import { appendTenantAudit, systemClock, type AuditActorRef, type Clock } from '../audit/audit-log';
import { findTenant, findTenantByCode, insertTenant, updateTenantRow } from './queries';
import type { CreateTenantInput, Tenant, UpdateTenantInput } from './schema';

const tenantNotFound = () => notFound({ vi: 'Không tìm thấy đơn vị', en: 'Unit not found' });

/** Which status changes are allowed; a terminated unit stays terminated (its history is kept). */
const statusTransitions: Record<Tenant['status'], Tenant['status'][]> = {
  active: ['suspended', 'terminated'],
  suspended: ['active', 'terminated'],
  terminated: [],
};

/** Onboards a unit. Runs in a platform transaction (operator or CLI). */
export async function createTenant(
  tx: Tx,
  input: CreateTenantInput,
  actor: AuditActorRef,
  clock: Clock = systemClock,
): Promise<Tenant> {
  if (input.parentId && !(await findTenant(tx, input.parentId))) {
    throw new AppError(
      'validation_failed',
      { vi: 'Đơn vị cấp trên không tồn tại', en: 'Parent unit not found' },
      [{ path: 'parentId', message: 'Không tìm thấy đơn vị cấp trên', message_en: 'No such parent unit' }],
    );
  }
  if (await findTenantByCode(tx, input.code)) {
    throw conflict(
      { vi: `Mã đơn vị ${input.code} đã được dùng`, en: `Unit code ${input.code} is already in use` },
      [{ path: 'code', message: 'Mã đơn vị đã được dùng', message_en: 'Code already in use' }],
    );
  }
  const tenant = await insertTenant(tx, {
    code: input.code,
    name: input.name,
    kind: input.kind,
    parentId: input.parentId ?? null,
  });
  await appendTenantAudit(
    tx,
    tenant.id,
    actor,
    {
      action: 'tenant.created',
      entityType: 'tenant',
      entityId: tenant.id,
      data: { code: tenant.code, name: tenant.name, kind: tenant.kind },
    },
    clock,
  );
  return tenant;
}

export async function updateTenant(
  tx: Tx,
  id: string,
  input: UpdateTenantInput,
  actor: AuditActorRef,
  clock: Clock = systemClock,
): Promise<Tenant> {
  const current = await findTenant(tx, id);
  if (!current) throw tenantNotFound();
  if (
    input.status &&
    input.status !== current.status &&
    !statusTransitions[current.status].includes(input.status)
  ) {
    throw conflict({
      vi: `Không thể chuyển đơn vị từ trạng thái ${current.status} sang ${input.status}`,
      en: `A unit cannot go from ${current.status} to ${input.status}`,
    });
  }
  if ((input.status === 'suspended' || input.status === 'terminated') && !input.statusReason) {
    throw new AppError('validation_failed', { vi: 'Cần nêu lý do', en: 'A reason is required' }, [
      {
        path: 'statusReason',
        message: 'Vui lòng nêu lý do tạm dừng/chấm dứt',
        message_en: 'Say why the unit is suspended or terminated',
      },
    ]);
  }
  const updated = await updateTenantRow(tx, id, input, clock());
  if (!updated) throw tenantNotFound();
  await appendTenantAudit(
    tx,
    id,
    actor,
    {
      action: 'tenant.updated',
      entityType: 'tenant',
      entityId: id,
      data: { before: { name: current.name, status: current.status }, change: input },
    },
    clock,
  );
  return updated;
}

export async function getTenant(tx: Tx, id: string): Promise<Tenant> {
  const t = await findTenant(tx, id);
  if (!t) throw tenantNotFound();
  return t;
}
