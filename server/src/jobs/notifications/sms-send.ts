import { z } from 'zod';
import { defineJob, type JobContext, type JobDeps } from '../registry';

export const sendSmsPayload = z
  .object({
    to: z.string().regex(/^\+?[0-9]{9,15}$/),
    // Vietnamese with its diacritics as is: the gateway carries Unicode (UCS-2), never stripped here.
    text: z.string().min(1).max(1600),
  })
  .strict();
export type SendSmsPayload = z.infer<typeof sendSmsPayload>;

/**
 * Sends one SMS. Idempotent by job key through the same effect ledger as e-mail: a retry or a
 * second delivery of the job does not send again. A gateway error propagates: the queue retries.
 */
async function handle(p: SendSmsPayload, deps: JobDeps, ctx: JobContext): Promise<void> {
  const state = await deps.effects.begin(ctx.jobKey, 'sms');
  if (state === 'done') {
    deps.logger.info({ jobKey: ctx.jobKey }, 'SMS already sent for this job; not sending again');
    return;
  }
  if (state === 'busy') throw new Error(`SMS of job ${ctx.jobKey} is being sent by another worker`);
  try {
    await deps.sms.send({ ...p, reference: ctx.jobKey });
  } catch (err) {
    await deps.effects.abort(ctx.jobKey, 'sms');
    throw err;
  }
  await deps.effects.done(ctx.jobKey, 'sms');
}

/** The parts tests reuse on a queue of their own. */
export const sendSmsSpec = { name: 'send-sms', payload: sendSmsPayload, handle };

export const sendSms = defineJob({ queue: 'notifications', ...sendSmsSpec });
