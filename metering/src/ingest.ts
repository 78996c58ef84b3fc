import type { Knex } from 'knex';
import { z } from 'zod';
import { MeteringError, type ItemProblem } from './errors';
import { recordUsageEvents, type RecordOutcome } from './record';
import { MAX_BATCH, usageEventInput } from './schema';

type Tx = Knex.Transaction;

const vi = z.locales.vi().localeError;
const en = z.locales.en().localeError;

const refuse = (problems: ItemProblem[]) =>
  new MeteringError(
    'invalid_usage_batch',
    {
      vi: 'Lô sự kiện sử dụng bị từ chối toàn bộ; xem lý do từng mục',
      en: 'The usage batch was refused as a whole; see each item',
    },
    problems,
  );

function problemsOf(raw: unknown, prefix: string): ItemProblem[] {
  const first = usageEventInput.safeParse(raw, { error: vi });
  if (first.success) return [];
  const second = usageEventInput.safeParse(raw, { error: en });
  const english = second.success ? [] : second.error.issues;
  return first.error.issues.map((issue, i) => {
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys.join(',')] : issue.path;
    return {
      path: [prefix, ...path.map(String)].join('.'),
      message: issue.message,
      message_en: english[i]?.message ?? issue.message,
    };
  });
}

/**
 * A batch from a unit whose own software receives dossiers: `{ events: [...] }`, 1…1000 events.
 * Every item is checked before anything is written; one bad item refuses the batch with a reason per
 * item, so a batch is never half applied. Repeated keys are acknowledged and not counted again.
 */
export async function ingestUsageBatch(
  tx: Tx,
  tenantId: string,
  body: unknown,
  now: Date,
): Promise<RecordOutcome> {
  const events = (body as { events?: unknown } | null)?.events;
  if (!Array.isArray(events) || events.length === 0)
    throw refuse([
      {
        path: 'events',
        message: 'Cần mảng events có từ 1 sự kiện',
        message_en: 'events must be an array of at least one event',
      },
    ]);
  if (events.length > MAX_BATCH)
    throw refuse([
      {
        path: 'events',
        message: `Tối đa ${MAX_BATCH} sự kiện mỗi lô (nhận ${events.length})`,
        message_en: `At most ${MAX_BATCH} events per batch (got ${events.length})`,
      },
    ]);
  const extra = Object.keys(body as object).filter((k) => k !== 'events');
  const problems: ItemProblem[] = extra.map((k) => ({
    path: k,
    message: 'Trường không được hỗ trợ',
    message_en: 'Unknown field',
  }));
  events.forEach((e, i) => problems.push(...problemsOf(e, `events.${i}`)));
  if (problems.length > 0) throw refuse(problems);
  const parsed = events.map((e) => usageEventInput.parse(e));
  return recordUsageEvents(
    tx,
    tenantId,
    parsed.map((e) => ({
      tenantId,
      metric: e.metric,
      quantity: e.quantity,
      occurredAt: new Date(e.occurredAt),
      idempotencyKey: e.idempotencyKey,
      source: 'ingestion' as const,
      dossierId: e.dossierId ?? null,
    })),
    now,
  );
}
