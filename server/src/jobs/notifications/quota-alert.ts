import { z } from 'zod';
import { enqueue } from '../outbox';
import { defineJob, type JobContext, type JobDeps } from '../registry';

export const quotaAlertPayload = z
  .object({
    tenantId: z.uuid(),
    contractId: z.uuid(),
    threshold: z.union([z.literal(80), z.literal(100)]),
    used: z.number().int().min(0),
    quota: z.number().int().min(0),
  })
  .strict();
export type QuotaAlertPayload = z.infer<typeof quotaAlertPayload>;

const fmt = (n: number) => n.toLocaleString('vi-VN');

/**
 * A unit passed 80% or 100% of its quota: tell its admins and the operator. Recipients are looked
 * up when the job runs (the reception transaction that crossed the line cannot see the operator's
 * staff), then one e-mail is enqueued under a key derived from this job's, so a retry sends once.
 */
async function handle(p: QuotaAlertPayload, deps: JobDeps, ctx: JobContext): Promise<void> {
  await deps.transactor.withSystem(async (tx) => {
    const unit = (await tx('tenants').select('code', 'name').where({ id: p.tenantId }).first()) as
      { code: string; name: string } | undefined;
    if (!unit) return;
    const admins = (await tx('memberships as m')
      .join('staff_users as s', 's.id', 'm.user_id')
      .where({ 'm.tenant_id': p.tenantId, 'm.role': 'tenant_admin', 's.status': 'active' })
      .whereNotNull('s.email')
      .pluck('s.email')) as string[];
    const operators = (await tx('platform_role_grants as g')
      .join('staff_users as s', 's.id', 'g.user_id')
      .where({ 'g.role': 'platform_admin', 's.status': 'active' })
      .whereNotNull('s.email')
      .pluck('s.email')) as string[];
    const to = [...new Set([...admins, ...operators])].slice(0, 50);
    if (to.length === 0) {
      deps.logger.warn(
        { jobKey: ctx.jobKey, tenantId: p.tenantId },
        'quota alert has no recipient with an e-mail',
      );
      return;
    }
    const over = p.threshold >= 100;
    const subject = over
      ? `[MotCua] ${unit.name} đã dùng hết định mức hồ sơ / has used its whole dossier quota`
      : `[MotCua] ${unit.name} đã dùng ${p.threshold}% định mức hồ sơ / has used ${p.threshold}% of its dossier quota`;
    const text = [
      `Đơn vị ${unit.name} (${unit.code}) đã tiếp nhận ${fmt(p.used)} hồ sơ trên định mức ${fmt(p.quota)} hồ sơ của năm hợp đồng (ngưỡng ${p.threshold}%).`,
      over ? 'Hồ sơ vượt định mức sẽ được tính cước vượt định mức theo hợp đồng vào cuối năm hợp đồng.' : '',
      '',
      `Unit ${unit.name} (${unit.code}) has received ${p.used} dossiers against a quota of ${p.quota} for the contract year (${p.threshold}% threshold).`,
      over
        ? 'Dossiers above the quota are charged as overage under the contract at the end of the contract year.'
        : '',
    ]
      .filter((l, i, all) => l !== '' || all[i - 1] !== '')
      .join('\n');
    await enqueue(tx, {
      tenantId: p.tenantId,
      queue: 'notifications',
      name: 'send-email',
      payload: { to, subject, text },
      jobKey: `${ctx.jobKey}.email`,
    });
  });
}

export const quotaAlertSpec = { name: 'quota-alert', payload: quotaAlertPayload, handle };

export const quotaAlert = defineJob({ queue: 'notifications', ...quotaAlertSpec });
