import { auditFilter, auditSortable, listAuditEntries } from '../../modules/audit/queries';
import { listReply } from '../dispatch';
import { parseListParams } from '../list-params';
import { route } from '../route-table';

export const auditRoutes = [
  route({
    method: 'get',
    path: '/audit-log',
    summary: 'Nhật ký kiểm toán (chỉ đọc, chuỗi băm) / Audit log (read-only, hash-chained)',
    tag: 'audit',
    list: true,
    access: { platform: ['platform_admin', 'finance'], tenant: ['tenant_admin', 'leader'] },
    handler: async (ctx) => {
      const params = parseListParams(ctx.req.query, {
        sortable: auditSortable,
        defaultSort: ['seq', 'DESC'],
        filter: auditFilter,
      });
      const page = await ctx.tx((tx, grant) =>
        listAuditEntries(tx, grant.kind === 'tenant' ? grant.tenantId : null, params),
      );
      return listReply('audit-log', page);
    },
  }),
];
