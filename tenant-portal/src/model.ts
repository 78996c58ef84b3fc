/** The API's answers the portal reads (see /api/v1/openapi.json). */
import type { UiLayout } from './form-renderer/types';

export type UnitKind = 'department' | 'district' | 'commune' | 'other';

export interface PublicProcedure {
  id: string;
  nationalCode: string;
  name: string;
  field: { code: string; name: string };
  level: number;
  processingDays: number;
  fees: { name: string; amount: number }[];
  feeTotal: number;
  resultType: string;
  unit: { id: string; code: string; name: string; kind: UnitKind };
}

export interface PublicProcedureDetail extends PublicProcedure {
  requiredPapers: { name: string; originals: number; copies: number; fromDataStore: boolean }[];
  description: string;
  form: { formId: string; version: number; jsonSchema: unknown; uiLayout: UiLayout } | null;
}

export interface PublicUnit {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
}

/** GET /public/popular-procedures: dossiers received over 90 days per national procedure code. */
export interface PopularProcedure {
  nationalCode: string;
  name: string;
  received: number;
}

export interface PublicUnitDetail extends PublicUnit {
  procedures: number;
  performance: {
    from: string;
    to: string;
    received: number;
    resolved: number;
    onTimeShare: number | null;
    onlineShare: number | null;
    rated: number;
    satisfactionShare: number | null;
  };
}

export interface ProcedureField {
  code: string;
  name: string;
  nameEn: string | null;
}

export interface Fee {
  total: number;
  status: 'none' | 'due' | 'paid' | 'refunded' | 'not_due';
  paidAt: string | null;
  refunded: number;
  paymentId: string | null;
}

export interface DossierSummary {
  id: string;
  code: string | null;
  procedureId: string;
  status: string;
  submittedAt: string;
  receivedAt: string | null;
  dueAt: string | null;
  returnedAt: string | null;
  timeliness: string | null;
  fee: Fee;
}

export interface TimelineEntry {
  seq: number;
  at: string;
  action: string;
  toStatus: string;
  reason: string | null;
}

export interface DossierDetail extends DossierSummary {
  data: Record<string, unknown>;
  result: { name: string; signature: { code: string } } | null;
  resultAt: string | null;
  timeline: TimelineEntry[];
  allowedActions: string[];
}

export interface StoredDocument {
  id: string;
  kind: 'paper' | 'result';
  name: string;
  mime: string;
  size: number;
  sha256: string;
  dossierId: string | null;
  createdAt: string;
}
