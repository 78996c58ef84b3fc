/**
 * The online form renderer — one for the citizens' portal and the admin console's form-builder
 * preview (imported there as `@portal-form/index`), so both draw a form exactly alike. Plain React,
 * no UI library; styles scoped under `.fr-*` in form-renderer.css (imported here).
 *
 * <FormRenderer
 *   layout={uiLayout}            // required: the compiled UiLayout (form_versions.ui_layout / preview's uiLayout)
 *   schema={jsonSchema}          // optional: the compiled JSON Schema; informative, the server validates with it
 *   value={{ data, attachments }}// FormValue: `data` as POST /my/dossiers takes it (dictionary keys, groups as arrays),
 *                                //   `attachments` [{attachmentId, name, sha256, size, mime} | {attachmentId, documentId, name}]
 *   onChange={(v) => …}          // every edit gives the whole new FormValue (empty answers are removed, not "")
 *   errors={{ 'data.applicant.pid': 'Số định danh: phải gồm đúng 12 chữ số' }}
 *                                // optional, by the server's paths (problem+JSON errors[].path → message)
 *   mode="fill" | "preview" | "review"
 *                                // fill: editable; preview: editable, uploads disabled; review: read-only summary
 *   lang="vi" | "en"             // default vi
 *   services={{ upload, papers, communes }}
 *                                // optional: upload(file, onProgress) → {sha256,size,mime}; the citizen's data-store
 *                                //   papers; communes(provinceCode) → [{code,name}] (else the commune is typed as its code)
 *   inlineValidation             // default true: a field's problems show once the citizen leaves it
 * />
 *
 * Helpers: validateForm(layout, value, lang) → FieldErrors (the server's rules and Vietnamese/English
 * words, hidden fields ignored); visibleData(layout, data) → the data to send (hidden answers removed,
 * as the server refuses them); emptyFormValue(); displayValue(field, value, lang).
 */
import './form-renderer.css';

export { FormRenderer, type FormRendererProps } from './FormRenderer';
export { ReviewView, displayValue } from './ReviewView';
export { validateForm, errorsUnder } from './validate';
export { visibleData, isShown } from './conditions';
export { PROVINCES } from './provinces';
export type * from './types';

import type { FormValue } from './types';
export const emptyFormValue = (): FormValue => ({ data: {}, attachments: [] });
