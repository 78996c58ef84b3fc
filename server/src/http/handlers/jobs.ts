import { z } from 'zod';
import { AppError } from '../../errors';
import type { JobBackend } from '../../jobs/backend';
import { JOB_STATUSES } from '../../jobs/backend';
import { jobFilter, jobSortable, listJobs } from '../../jobs/listing';
import { listReply } from '../dispatch';
import { parseListParams } from '../list-params';
import { route } from '../route-table';

declare module 'express-serve-static-core' {
  interface Locals {
    /** Set by boot once jobs run; the job list reads the queue backend through it. */
    jobs?: JobBackend;
  }
}

const jobOutput = z.object({
  id: z.string(),
  queue: z.string(),
  name: z.string(),
  tenantId: z.uuid().nullable(),
  status: z.enum(JOB_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const jobRoutes = [
  route({
    method: 'get',
    path: '/jobs',
    summary: 'Công việc nền (chờ chuyển, đang chạy, lỗi…), mới nhất trước / Background jobs, newest first',
    tag: 'jobs',
    list: true,
    response: z.array(jobOutput),
    access: { platform: ['platform_admin'] },
    handler: async (ctx) => {
      const backend = ctx.req.app.locals.jobs;
      if (!backend)
        throw new AppError('unavailable', { vi: 'Hàng đợi công việc chưa chạy', en: 'Jobs are not running' });
      const params = parseListParams(ctx.req.query, {
        sortable: jobSortable,
        defaultSort: ['createdAt', 'DESC'],
        filter: jobFilter,
      });
      const page = await ctx.tx((tx) => listJobs(tx, backend, params));
      return listReply('jobs', {
        ...page,
        rows: page.rows.map((j) => ({
          ...j,
          createdAt: j.createdAt.toISOString(),
          finishedAt: j.finishedAt?.toISOString() ?? null,
        })),
      });
    },
  }),
];
