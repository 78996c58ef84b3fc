import { z } from 'zod';

/** What is metered. Only received dossiers for now; a new metric is a new literal (and a migration's check). */
export const METRICS = ['dossier.received'] as const;
export type Metric = (typeof METRICS)[number];
export const USAGE_SOURCES = ['reception', 'ingestion'] as const;
export type UsageSource = (typeof USAGE_SOURCES)[number];

export const MAX_BATCH = 1000;

/** One event as the ingestion API accepts it. */
export const usageEventInput = z
  .object({
    metric: z.enum(METRICS),
    quantity: z.number().int().min(1).max(1_000_000),
    occurredAt: z.iso.datetime({ offset: true }),
    idempotencyKey: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[\x21-\x7e]+$/, {
        error: 'Chỉ ký tự ASCII in được, không khoảng trắng / printable ASCII, no spaces',
      }),
    dossierId: z.uuid().optional(),
  })
  .strict();
export type UsageEventInput = z.infer<typeof usageEventInput>;

export interface UsageEvent {
  tenantId: string;
  metric: Metric;
  quantity: number;
  occurredAt: Date;
  idempotencyKey: string;
  source: UsageSource;
  dossierId?: string | null;
}
