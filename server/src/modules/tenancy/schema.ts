import { z } from 'zod';

export const TENANT_KINDS = ['department', 'district', 'commune', 'other'] as const;
export const TENANT_STATUSES = ['active', 'suspended', 'terminated'] as const;

/** The unit's national electronic identifier (TT 01/2018/TT-VPCP Art. 19), e.g. 000.00.12.H12. */
export const tenantCode = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[0-9A-Za-z]+([.-][0-9A-Za-z]+)*$/, {
    error:
      'Mã đơn vị chỉ gồm chữ, số, dấu chấm và gạch ngang (ví dụ 000.00.12.H12) / letters, digits, dots, dashes',
  });

export const createTenantInput = z
  .object({
    code: tenantCode,
    name: z.string().trim().min(1).max(300),
    kind: z.enum(TENANT_KINDS),
    parentId: z.uuid().nullish(),
  })
  .strict();
export type CreateTenantInput = z.infer<typeof createTenantInput>;

export const updateTenantInput = z
  .object({
    name: z.string().trim().min(1).max(300).optional(),
    status: z.enum(TENANT_STATUSES).optional(),
    statusReason: z.string().trim().max(1000).nullish(),
  })
  .strict();
export type UpdateTenantInput = z.infer<typeof updateTenantInput>;

export const tenantFilter = z
  .object({
    q: z.string().max(200).optional(),
    kind: z.enum(TENANT_KINDS).optional(),
    status: z.enum(TENANT_STATUSES).optional(),
    parentId: z.uuid().optional(),
    id: z.array(z.uuid()).max(200).optional(),
  })
  .strict();

export const tenantSortable = ['code', 'name', 'kind', 'status', 'createdAt'] as const;

export interface Tenant {
  id: string;
  code: string;
  name: string;
  kind: (typeof TENANT_KINDS)[number];
  parentId: string | null;
  status: (typeof TENANT_STATUSES)[number];
  statusReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export const tenantOutput = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(TENANT_KINDS),
  parentId: z.uuid().nullable(),
  status: z.enum(TENANT_STATUSES),
  statusReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
