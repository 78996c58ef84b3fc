import { z } from 'zod';
import { contractFilter, getContract, listContracts } from '../../../../billing/src/index';
import { countersFor, summarize, usageSummary } from '../../../../metering/src/index';
import { systemClock } from '../../modules/audit/audit-log';
import { ingestionUsage } from '../../modules/usage/record-usage';
import { listReply } from '../dispatch';
import { parseListParams } from '../list-params';
import { route } from '../route-table';
import { idFrom } from '../ids';

const readers = { platform: ['platform_admin', 'finance'], tenant: ['tenant_admin'] } as const;

const usageFilter = contractFilter;
const usageSortable = ['startDate', 'endDate', 'status', 'tenantId'] as const;

/** Usage per unit and contract year (id = the contract's id, for react-admin). */
export const usageRoutes = [
  route({
    method: 'get',
    path: '/usage',
    summary:
      'Sử dụng theo đơn vị và năm hợp đồng: đã dùng, định mức, còn lại, %, dự báo / Usage per unit and contract year',
    tag: 'usage',
    list: true,
    access: readers,
    handler: async (ctx) => {
      const params = parseListParams(ctx.req.query, {
        sortable: usageSortable,
        defaultSort: ['startDate', 'DESC'],
        filter: usageFilter,
      });
      const now = systemClock();
      const page = await ctx.tx(async (tx, grant) => {
        const scoped =
          grant.kind === 'tenant'
            ? { ...params, filter: { ...params.filter, tenantId: grant.tenantId } }
            : params;
        const contracts = await listContracts(tx, scoped);
        const counters = await countersFor(
          tx,
          contracts.rows.map((c) => c.id),
        );
        return {
          ...contracts,
          rows: contracts.rows.map((c) => {
            const n = counters.get(c.id);
            return {
              id: c.id,
              tenantCode: c.tenantCode,
              tenantName: c.tenantName,
              planName: c.planName,
              ...summarize(c, n?.quantity ?? 0, n?.closed ?? 0, now),
            };
          }),
        };
      });
      return listReply('usage', page);
    },
  }),
  route({
    method: 'get',
    path: '/usage/:id',
    summary: 'Sử dụng của một năm hợp đồng / Usage of one contract year',
    tag: 'usage',
    access: readers,
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      const now = systemClock();
      return ctx.tx(async (tx) => {
        const c = await getContract(tx, id);
        return {
          id: c.id,
          tenantCode: c.tenantCode,
          tenantName: c.tenantName,
          planName: c.planName,
          ...(await usageSummary(tx, c.tenantId, c, now)),
        };
      });
    },
  }),
  route({
    method: 'post',
    path: '/usage/events',
    summary:
      'Gửi lô sự kiện sử dụng (tối đa 1000; chống trùng theo idempotencyKey; lỗi một mục thì từ chối cả lô) / Ingest a usage batch',
    tag: 'usage',
    access: { tenant: ['tenant_admin', 'desk_officer'] },
    response: z.object({ received: z.number(), recorded: z.number(), duplicates: z.number() }),
    handler: async (ctx) => {
      const now = systemClock();
      const out = await ctx.tx((tx, grant) =>
        ingestionUsage(tx, grant.kind === 'tenant' ? grant.tenantId : '', ctx.req.body, now),
      );
      const recorded = out.items.filter((i) => i.recorded).length;
      return {
        received: out.items.length,
        recorded,
        duplicates: out.items.length - recorded,
        items: out.items,
      };
    },
  }),
];
