import { z } from 'zod';
import { defineJob, type JobContext, type JobDeps } from '../registry';

export const sendEmailPayload = z
  .object({
    to: z.array(z.email()).min(1).max(50),
    subject: z.string().min(1).max(300),
    text: z.string().min(1).max(100_000),
    html: z.string().max(200_000).optional(),
  })
  .strict();
export type SendEmailPayload = z.infer<typeof sendEmailPayload>;

/**
 * Sends one e-mail. Idempotent by job key: the ledger says whether this job already sent it, so a
 * retry (or the same job delivered twice) does not send again. The send error propagates: the queue
 * retries with backoff.
 */
async function handle(p: SendEmailPayload, deps: JobDeps, ctx: JobContext): Promise<void> {
  const state = await deps.effects.begin(ctx.jobKey, 'email');
  if (state === 'done') {
    deps.logger.info({ jobKey: ctx.jobKey }, 'e-mail already sent for this job; not sending again');
    return;
  }
  if (state === 'busy') throw new Error(`E-mail of job ${ctx.jobKey} is being sent by another worker`);
  try {
    await deps.mail.send({ ...p, messageId: `<${ctx.jobKey}@jobs.motcua>` });
  } catch (err) {
    await deps.effects.abort(ctx.jobKey, 'email');
    throw err;
  }
  await deps.effects.done(ctx.jobKey, 'email');
}

/** The parts tests reuse on a queue of their own, so parallel test files never take each other's rows. */
export const sendEmailSpec = { name: 'send-email', payload: sendEmailPayload, handle };

export const sendEmail = defineJob({ queue: 'notifications', ...sendEmailSpec });
