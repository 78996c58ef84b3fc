import type { Tx } from '../../db/transactor';
import { localDateOf } from '../calendar/local-time';

/**
 * Dossier codes in the shape of TT 01/2018/TT-VPCP Art. 19: `<unit code>-<yymmdd>-<sequence>`,
 * e.g. `000.00.03.H34-261123-0001`. The day is the local (Asia/Ho_Chi_Minh) date of reception and
 * the sequence restarts at 0001 each day per unit. The circular's four digits are a minimum: the
 * 10,000th dossier of a day gets 10000 (five digits) rather than wrapping or failing.
 */

const UNIT_CODE = /^[0-9A-Za-z]+([.-][0-9A-Za-z]+)*$/;

/** Pure: the code for a unit, a local date 'YYYY-MM-DD' and a sequence ≥ 1. */
export function formatDossierCode(unitCode: string, localDate: string, seq: number): string {
  if (!UNIT_CODE.test(unitCode)) throw new RangeError(`not a unit code: ${unitCode}`);
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`not a sequence: ${seq}`);
  const yymmdd = localDate.slice(2, 4) + localDate.slice(5, 7) + localDate.slice(8, 10);
  return `${unitCode}-${yymmdd}-${String(seq).padStart(4, '0')}`;
}

export interface ParsedDossierCode {
  unitCode: string;
  /** 'YYYY-MM-DD', assuming the 2000s. */
  localDate: string;
  seq: number;
}

/** The parts of a code, or null when it does not have the shape (e.g. a mistyped tracking code). */
export function parseDossierCode(code: string): ParsedDossierCode | null {
  const m = /^(.+)-(\d{2})(\d{2})(\d{2})-(\d{4,})$/.exec(code);
  if (!m || !UNIT_CODE.test(m[1]!)) return null;
  const localDate = `20${m[2]}-${m[3]}-${m[4]}`;
  const probe = new Date(`${localDate}T00:00:00Z`);
  if (Number.isNaN(probe.getTime()) || probe.toISOString().slice(0, 10) !== localDate) return null;
  return { unitCode: m[1]!, localDate, seq: Number(m[5]) };
}

/**
 * The next code of a unit for the local day of `at`, in the caller's (reception) transaction.
 * Gap-free: the counter row stays locked until that transaction ends, so concurrent receptions of
 * the unit wait for each other's commit, and a rolled-back reception gives its number back. Call it
 * late in the reception transaction, after the checks that may refuse, to hold the lock briefly.
 * Runs as the unit (tenant context, tenantId must be the context's unit) or as system.
 */
export async function nextDossierCode(
  tx: Tx,
  input: { tenantId: string; unitCode: string; at: Date },
): Promise<string> {
  if (!UNIT_CODE.test(input.unitCode)) throw new RangeError(`not a unit code: ${input.unitCode}`);
  const localDate = localDateOf(input.at);
  const { rows } = await tx.raw<{ rows: { last_seq: number }[] }>(
    `insert into dossier_code_counters as c (tenant_id, day, last_seq) values (?, ?, 1)
     on conflict (tenant_id, day) do update set last_seq = c.last_seq + 1
     returning c.last_seq`,
    [input.tenantId, localDate],
  );
  const seq = rows[0]?.last_seq;
  // No row back means RLS hid it: the transaction is not this unit's.
  if (seq === undefined) throw new Error('nextDossierCode: the transaction may not number this unit');
  return formatDossierCode(input.unitCode, localDate, seq);
}
