import { TENANT_ROLES } from '../../db/transactor';
import { notFound } from '../../errors';
import { listRatings } from '../../modules/ratings/queries';
import { myRating, rateDossier } from '../../modules/ratings/rate';
import { ratingFilter, ratingInput, ratingSortable, type RatingInput } from '../../modules/ratings/schema';
import { refreshMonitoringAfterRating } from '../../jobs/monitoring/refresh-day';
import { listReply } from '../dispatch';
import { parseListParams } from '../list-params';
import { route, tenantIdOf } from '../route-table';
import { dossierIdFrom } from './dossier-support';

/** Satisfaction ratings (seed 003): the citizen rates once after return; the unit's staff read them. */
export const ratingRoutes = [
  route({
    method: 'post',
    path: '/my/dossiers/:id/rating',
    summary: 'Đánh giá mức độ hài lòng (một lần, sau khi trả kết quả) / Rate my returned dossier, once',
    tag: 'my',
    body: ratingInput,
    access: { citizen: true },
    handler: async (ctx) => {
      const id = dossierIdFrom(ctx.params);
      const rating = await rateDossier(
        ctx.transactor,
        ctx.scope!.actor.id,
        id,
        ctx.body as RatingInput,
        new Date(),
        refreshMonitoringAfterRating,
      );
      return { status: 201, body: rating };
    },
  }),
  route({
    method: 'get',
    path: '/my/dossiers/:id/rating',
    summary: 'Đánh giá của tôi cho hồ sơ / My rating of a dossier',
    tag: 'my',
    access: { citizen: true },
    handler: async (ctx) => {
      const id = dossierIdFrom(ctx.params);
      const r = await ctx.transactor.withCitizen(ctx.scope!.actor.id, (tx) => myRating(tx, id));
      if (!r) throw notFound({ vi: 'Hồ sơ chưa được đánh giá', en: 'This dossier has not been rated' });
      return r;
    },
  }),
  route({
    method: 'get',
    path: '/ratings',
    summary:
      'Đánh giá hài lòng của đơn vị (lọc level, dossierId, from, to) / The unit’s satisfaction ratings',
    tag: 'ratings',
    list: true,
    access: { tenant: TENANT_ROLES },
    handler: async (ctx) => {
      const params = parseListParams(ctx.req.query, {
        sortable: ratingSortable,
        defaultSort: ['ratedAt', 'DESC'],
        filter: ratingFilter,
      });
      return listReply('ratings', await ctx.tx((tx, grant) => listRatings(tx, tenantIdOf(grant), params)));
    },
  }),
];
