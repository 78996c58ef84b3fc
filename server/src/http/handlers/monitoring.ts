import { monitoringExport } from '../../modules/monitoring/export';
import { monitoringReport } from '../../modules/monitoring/report';
import { monitoringQuery } from '../../modules/monitoring/schema';
import { route } from '../route-table';
import { parseInput } from '../validate';

/**
 * Monitoring (seed 003): a unit's leader and admin see their own unit and its officers; the
 * operator and finance see every unit, each with the units under it summed (the province sees all).
 * Read from the rollup tables the monitoring jobs keep.
 */
export const monitoringRoutes = [
  route({
    method: 'get',
    path: '/monitoring',
    summary:
      'Số liệu giám sát theo đơn vị, cán bộ, kỳ (from/to, unitId; format=csv|xlsx để xuất) / Monitoring figures per unit and officer',
    tag: 'monitoring',
    access: { platform: ['platform_admin', 'finance'], tenant: ['leader', 'tenant_admin'] },
    handler: async (ctx) => {
      const q = parseInput(monitoringQuery, ctx.req.query, 'query');
      const report = await ctx.tx((tx, grant) =>
        monitoringReport(tx, q, grant.kind === 'tenant' ? { tenantId: grant.tenantId } : null),
      );
      if (q.format === 'json') return report;
      const file = await monitoringExport(report, q.format);
      ctx.res
        .status(200)
        .type(file.contentType)
        .setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`)
        .send(file.bytes);
    },
  }),
];
