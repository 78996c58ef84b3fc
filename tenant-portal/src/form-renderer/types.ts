/**
 * The shapes the forms module compiles (server/src/modules/forms/compile/ui-layout.ts) and what the
 * renderer keeps as the form's value. Copied as types only: the portal imports nothing of the server.
 */
export type FieldType =
  | 'text'
  | 'long_text'
  | 'number'
  | 'date'
  | 'select'
  | 'multi_select'
  | 'boolean'
  | 'pid'
  | 'phone'
  | 'email'
  | 'tax_code'
  | 'address'
  | 'file';

export interface FieldOption {
  value: string;
  label: string;
  label_en: string;
}

export interface FieldValidation {
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  min?: number;
  max?: number;
  integer?: boolean;
  minDate?: string;
  maxDate?: string;
}

type Scalar = string | number | boolean;

export interface LayoutCondition {
  /** The property tested: a sibling in the group (`scope: 'group'`) or a top-level field. */
  field: string;
  scope: 'form' | 'group';
  equals?: Scalar;
  in?: Scalar[];
  notEmpty?: true;
}

export interface LayoutField {
  kind: 'field';
  key: string;
  property: string;
  label: string;
  label_en: string;
  help: string;
  help_en: string;
  type: FieldType;
  widget: string;
  required: boolean;
  options: FieldOption[];
  validation: FieldValidation;
  revision: number;
  visibleWhen?: LayoutCondition;
}

export interface LayoutGroup {
  kind: 'group';
  id: string;
  property: string;
  title: string;
  title_en: string;
  repeat: { min: number; max: number };
  visibleWhen?: LayoutCondition;
  items: LayoutField[];
}

export interface AttachmentSpec {
  id: string;
  name: string;
  name_en?: string;
  required: boolean;
  accept: string[];
  maxSizeMb: number;
  fromDataStore?: boolean;
}

export interface UiLayout {
  layoutVersion: 1;
  sections: { id: string; title: string; title_en: string; items: (LayoutField | LayoutGroup)[] }[];
  attachments: AttachmentSpec[];
}

export type FormData = Record<string, unknown>;

/** An attachment slot filled by an upload (POST /uploads gave its hash) or by a data-store paper. */
export type AttachmentValue =
  | { attachmentId: string; name: string; sha256: string; size: number; mime: string }
  | { attachmentId: string; documentId: string; name: string };

/** What the renderer edits: the submission `data` and the attachments, as POST /my/dossiers takes them. */
export interface FormValue {
  data: FormData;
  attachments: AttachmentValue[];
}

/**
 * Problems by path, in the server's words and paths: `data.<key>`, `data.<key>.<part>`,
 * `data.<group>`, `data.<group>.<n>.<key>`, `attachments`, `attachments.<attachmentId>`.
 */
export type FieldErrors = Record<string, string>;

export type Lang = 'vi' | 'en';

/** A paper of the citizen's personal data store that may fill an attachment slot. */
export interface StoredPaper {
  id: string;
  name: string;
  mime: string;
  size: number;
  kind: string;
}

/** An uploaded file as POST /uploads answers it (plus the name the citizen gave it). */
export interface UploadedFile {
  sha256: string;
  size: number;
  mime: string;
}

/** What the host gives the renderer to reach the server; absent in preview. */
export interface FormServices {
  /** Uploads one file, reporting progress in [0, 1]. */
  upload?: (file: File, onProgress: (share: number) => void) => Promise<UploadedFile>;
  /** The signed-in citizen's data-store papers, for slots that accept them. */
  papers?: StoredPaper[];
  /** Communes of a province, when the host knows them; else the commune is typed as its code. */
  communes?: (provinceCode: string) => Promise<{ code: string; name: string }[]>;
}
