/** The dossier as the API answers it (server/src/modules/dossiers/views.ts). */
export const DOSSIER_STATUSES = [
  'submitted',
  'supplement_requested',
  'refused',
  'received',
  'in_progress',
  'awaiting_supplement',
  'transferred',
  'approved',
  'result_issued',
  'returned',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export type DossierAction =
  | 'receive'
  | 'refuse'
  | 'request-supplement'
  | 'supplement'
  | 'assign'
  | 'approve'
  | 'send-back'
  | 'transfer'
  | 'transfer-returned'
  | 'result'
  | 'return'
  | 'apologize';

export type Channel = 'online' | 'desk' | 'post';

export interface DossierSummary {
  id: string;
  code: string | null;
  procedureId: string;
  status: DossierStatus;
  step: number | null;
  assigneeId: string | null;
  channel: Channel;
  applicantName: string;
  receivingTenantId: string | null;
  submittedAt: string;
  receivedAt: string | null;
  dueAt: string | null;
  returnedAt: string | null;
  timeliness: 'early' | 'on_time' | 'late' | null;
  fee: { total: number; status: string; paidAt: string | null; refunded: number };
  version: number;
  updatedAt: string;
}

export interface StoredAttachment {
  attachmentId: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  source: 'upload' | 'data_store';
}

export interface TimelineEntry {
  seq: number;
  at: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorKind: string;
  actorId: string | null;
  reason: string | null;
  data: Record<string, unknown>;
}

export interface DossierDetail extends DossierSummary {
  applicant: {
    kind: 'citizen' | 'organization';
    fullName: string;
    pid?: string;
    taxCode?: string;
    phone?: string;
    email?: string;
  };
  data: Record<string, unknown>;
  attachments: StoredAttachment[];
  formId: string | null;
  formVersion: number | null;
  pauses: { from: string; to: string | null }[];
  result: { name: string; mime: string; size: number; sha256: string } | null;
  resultAt: string | null;
  returnChannel: Channel | null;
  openTransferId: string | null;
  timeline: TimelineEntry[];
  allowedActions: DossierAction[];
}

/** The layout the form compiler gives the portal (server/src/modules/forms/compile/ui-layout.ts). */
export interface LayoutField {
  kind: 'field';
  key: string;
  property: string;
  label: string;
  label_en: string;
  type: string;
  widget: string;
  required: boolean;
  options: { value: string; label: string; label_en?: string }[];
}
export interface LayoutGroup {
  kind: 'group';
  id: string;
  property: string;
  title: string;
  title_en: string;
  items: LayoutField[];
}
export interface AttachmentSpec {
  id: string;
  name: string;
  name_en?: string;
  required: boolean;
  accept: string[];
  maxSizeMb: number;
}
export interface UiLayout {
  sections: { id: string; title: string; title_en: string; items: (LayoutField | LayoutGroup)[] }[];
  attachments: AttachmentSpec[];
}

export interface PublicProcedure {
  id: string;
  nationalCode: string;
  name: string;
  processingDays: number;
  unit: { id: string; code: string; name: string };
  form: { formId: string; version: number; uiLayout: UiLayout } | null;
}
