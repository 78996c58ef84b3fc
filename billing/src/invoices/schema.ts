import { z } from 'zod';
import { isoDate } from '../plans/schema';

/** adjustment: late usage of a closed contract year (hóa đơn bổ sung), see adjustment-draft.ts. */
export const INVOICE_KINDS = ['lease', 'overage', 'adjustment'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];
/** What a run bills by period; every run also bills the pending adjustments. */
export const RUN_KINDS = ['lease', 'overage'] as const;
export type RunKind = (typeof RUN_KINDS)[number];
/** An adjustment's lines are overage lines (of the tiers they add to the year's overage). */
export type LineKind = 'lease' | 'overage';
export const INVOICE_STATUSES = ['draft', 'approved', 'issued', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/**
 * Series per kind (ký hiệu): TL thuê (lease), VM vượt định mức (overage), BS bổ sung (adjustment);
 * CN credit notes.
 */
export const SERIES = { lease: 'TL', overage: 'VM', adjustment: 'BS', credit: 'CN' } as const;
export type Series = (typeof SERIES)[keyof typeof SERIES];

export const DEFAULT_PAYMENT_TERMS_DAYS = 30;

export interface InvoiceLineDraft {
  lineNo: number;
  kind: LineKind;
  descriptionVi: string;
  descriptionEn: string;
  quantity: number;
  unitPrice: number;
  amount: number;
  tierFrom: number | null;
  tierTo: number | null;
}

/** An invoice as the run computes it, before anything is written. */
export interface InvoiceDraft {
  tenantId: string;
  tenantCode: string;
  tenantName: string;
  contractId: string;
  planVersionId: string;
  kind: InvoiceKind;
  instalment: number;
  instalments: number;
  periodStart: string;
  periodEnd: string;
  lines: InvoiceLineDraft[];
  subtotal: number;
  vatRateBp: number;
  vatAmount: number;
  total: number;
  paymentTermsDays: number;
}

export interface InvoiceLine extends InvoiceLineDraft {
  id: string;
  invoiceId: string;
}

export interface Invoice {
  id: string;
  tenantId: string;
  tenantCode: string;
  tenantName: string;
  contractId: string;
  planVersionId: string;
  kind: InvoiceKind;
  instalment: number;
  instalments: number;
  status: InvoiceStatus;
  /** e.g. TL-2026-0000001; null until approved. */
  number: string | null;
  series: string;
  numberYear: number | null;
  sequence: number | null;
  periodStart: string;
  periodEnd: string;
  subtotal: number;
  vatRateBp: number;
  vatAmount: number;
  total: number;
  credited: number;
  paymentTermsDays: number;
  approvedAt: string | null;
  approvedBy: string | null;
  issuedAt: string | null;
  dueDate: string | null;
  paidAt: string | null;
  paymentReference: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  billingRunId: string | null;
  createdAt: string;
  /** What the caller may do next (from the transition table). */
  actions: string[];
}

export const invoiceFilter = z
  .object({
    tenantId: z.uuid().optional(),
    contractId: z.uuid().optional(),
    kind: z.enum(INVOICE_KINDS).optional(),
    status: z.enum(INVOICE_STATUSES).optional(),
    billingRunId: z.uuid().optional(),
    /** Invoices whose period starts in this calendar year. */
    year: z.number().int().min(2000).max(2200).optional(),
    id: z.array(z.uuid()).max(200).optional(),
    /** Issued, past the due date (today in Asia/Ho_Chi_Minh), with something left to pay after credit notes. */
    overdue: z.boolean().optional(),
  })
  .strict();
export type InvoiceFilter = z.infer<typeof invoiceFilter>;
export const invoiceSortable = ['createdAt', 'periodStart', 'dueDate', 'total', 'status', 'number'] as const;

export const voidInvoiceInput = z.object({ reason: z.string().trim().min(1).max(1000) }).strict();
export const payInvoiceInput = z
  .object({
    /** The payment's reference (bank transfer, treasury voucher). */
    reference: z.string().trim().min(1).max(200),
    paidAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const createCreditNoteInput = z
  .object({
    invoiceId: z.uuid(),
    amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    reason: z.string().trim().min(1).max(1000),
  })
  .strict();
export type CreateCreditNoteInput = z.infer<typeof createCreditNoteInput>;

export const createBillingRunInput = z
  .object({
    kind: z.enum(RUN_KINDS),
    /** lease: contracts (instalments) starting in from…to; overage: contract years ending in from…to. */
    periodFrom: isoDate,
    periodTo: isoDate,
    dryRun: z.boolean().default(false),
  })
  .strict()
  .refine((r) => r.periodTo >= r.periodFrom, {
    path: ['periodTo'],
    error: 'periodTo phải sau hoặc bằng periodFrom / periodTo must not precede periodFrom',
  });
export type CreateBillingRunInput = z.infer<typeof createBillingRunInput>;

export const formatInvoiceNumber = (series: string, year: number, n: number) =>
  `${series}-${year}-${String(n).padStart(7, '0')}`;
