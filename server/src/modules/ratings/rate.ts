import type { Transactor, Tx } from '../../db/transactor';
import { AppError, conflict, notFound } from '../../errors';
import { toRating, type Rating, type RatingInput, type RatingRow } from './schema';

const dossierNotFound = () => notFound({ vi: 'Không tìm thấy hồ sơ', en: 'Dossier not found' });
const alreadyRated = () =>
  conflict({ vi: 'Hồ sơ này đã được đánh giá', en: 'This dossier has already been rated' });

interface RatedDossier {
  tenant_id: string;
  id: string;
  status: string;
  citizen_id: string | null;
}

/** Called inside the rating's transaction, after the insert: what else must commit with it. */
export type AfterRating = (
  tx: Tx,
  rating: { tenantId: string; dossierId: string; ratedAt: Date },
) => Promise<void>;

/**
 * The citizen rates their dossier once, after its result was returned (seed 003). Their own
 * context finds the dossier (another citizen's is 404); the write runs in the system context,
 * confined to this function, because a citizen may not write a unit's rows: under the dossier's row
 * lock it checks the status again, inserts (the primary key makes "once" hold under races) and lets
 * `after` add what commits with it (the monitoring refresh).
 */
export async function rateDossier(
  transactor: Transactor,
  citizenId: string,
  dossierId: string,
  input: RatingInput,
  now: Date,
  after?: AfterRating,
): Promise<Rating> {
  const own = (await transactor.withCitizen(citizenId, (tx) =>
    tx('dossiers').where({ id: dossierId }).first('tenant_id', 'id'),
  )) as { tenant_id: string; id: string } | undefined;
  if (!own) throw dossierNotFound();
  return transactor.withSystem(async (tx) => {
    const d = (await tx('dossiers')
      .where({ tenant_id: own.tenant_id, id: dossierId })
      .forUpdate()
      .first('tenant_id', 'id', 'status', 'citizen_id')) as RatedDossier | undefined;
    if (!d || d.citizen_id !== citizenId) throw dossierNotFound();
    if (d.status !== 'returned')
      throw new AppError(
        'conflict',
        {
          vi: `Chỉ đánh giá được sau khi đã trả kết quả (hồ sơ đang ở trạng thái "${d.status}")`,
          en: `A dossier can be rated only after its result was returned (it is "${d.status}")`,
        },
        [],
        { dossierStatus: d.status },
      );
    const rows = (await tx('dossier_ratings')
      .insert({
        tenant_id: d.tenant_id,
        dossier_id: d.id,
        citizen_id: citizenId,
        level: input.level,
        reasons: input.reasons,
        comment: input.comment ?? null,
        rated_at: now,
      })
      .onConflict(['tenant_id', 'dossier_id'])
      .ignore()
      .returning('*')) as RatingRow[];
    if (!rows[0]) throw alreadyRated();
    await after?.(tx, { tenantId: d.tenant_id, dossierId: d.id, ratedAt: now });
    return toRating(rows[0]);
  });
}

/** The citizen's own rating of their dossier, or null. */
export async function myRating(tx: Tx, dossierId: string): Promise<Rating | null> {
  const row = (await tx('dossier_ratings').where({ dossier_id: dossierId }).first()) as RatingRow | undefined;
  return row ? toRating(row) : null;
}
