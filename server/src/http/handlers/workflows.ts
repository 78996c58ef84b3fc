import { auditActorOf } from '../../auth/actor';
import { TENANT_ROLES } from '../../db/transactor';
import { getProcedure } from '../../modules/procedures/service';
import { saveWorkflow, workflowInput, workflowOf } from '../../modules/dossiers/workflow';
import { route, tenantIdOf } from '../route-table';
import { idFrom } from '../ids';

export const workflowRoutes = [
  route({
    method: 'get',
    path: '/procedures/:id/workflow',
    summary: 'Quy trình xử lý của thủ tục (mặc định khi chưa cấu hình) / The procedure’s workflow',
    tag: 'procedures',
    access: { tenant: TENANT_ROLES },
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return ctx.tx(async (tx) => {
        await getProcedure(tx, id);
        return workflowOf(tx, id);
      });
    },
  }),
  route({
    method: 'put',
    path: '/procedures/:id/workflow',
    summary: 'Thay quy trình xử lý (danh sách bước theo thứ tự) / Replace the ordered steps',
    tag: 'procedures',
    body: workflowInput,
    access: { tenant: ['tenant_admin'] },
    handler: async (ctx) => {
      const id = idFrom(ctx.params);
      return ctx.tx((tx, grant) =>
        saveWorkflow(tx, tenantIdOf(grant), id, ctx.body.steps, auditActorOf(ctx.scope!.actor)),
      );
    },
  }),
];
