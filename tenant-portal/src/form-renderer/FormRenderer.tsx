import { useMemo, useState } from 'react';
import { isShown, visibleData } from './conditions';
import { FieldInput } from './FieldInput';
import { FileUpload, sizeText, typeNames } from './FileUpload';
import { ReviewView } from './ReviewView';
import type {
  AttachmentSpec,
  FieldErrors,
  FormData,
  FormServices,
  FormValue,
  Lang,
  LayoutField,
  LayoutGroup,
  UiLayout,
} from './types';
import { errorsUnder, validateForm } from './validate';
import { word } from './words';

export interface FormRendererProps {
  /** The compiled JSON Schema of the version (kept with the layout; the server validates against it). */
  schema?: unknown;
  layout: UiLayout;
  value: FormValue;
  onChange: (value: FormValue) => void;
  /** Problems to show, by the server's paths (e.g. the problem+JSON `errors` of a refused submit). */
  errors?: FieldErrors;
  /** fill: editable; preview: editable but nothing is uploaded (the admin's builder); review: read-only summary. */
  mode?: 'fill' | 'preview' | 'review';
  lang?: Lang;
  services?: FormServices;
  /** Show a field's own problems as soon as the citizen leaves it (default true). */
  inlineValidation?: boolean;
}

const idOf = (path: string) => `fr-${path.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

interface FieldCtx {
  lang: Lang;
  shown: FieldErrors;
  touch: (path: string) => void;
  services?: FormServices;
}

function Field(props: {
  f: LayoutField;
  path: string;
  value: unknown;
  onChange: (v: unknown) => void;
  ctx: FieldCtx;
}) {
  const { f, path, ctx } = props;
  const id = idOf(path);
  const label = ctx.lang === 'en' ? f.label_en : f.label;
  const help = ctx.lang === 'en' ? f.help_en : f.help;
  const problems = errorsUnder(ctx.shown, path);
  const describedBy =
    [help ? `${id}-help` : '', problems.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const grouped = f.type === 'address' || f.type === 'multi_select';
  const input = (
    <FieldInput
      field={f}
      value={props.value}
      onChange={props.onChange}
      onBlur={() => ctx.touch(path)}
      id={id}
      describedBy={describedBy}
      invalid={problems.length > 0}
      lang={ctx.lang}
      services={ctx.services}
    />
  );
  const marker = f.required ? (
    <span className="fr-required" aria-hidden="true">
      {' '}
      *
    </span>
  ) : null;
  const required = f.required ? (
    <span className="fr-visually-hidden"> ({word(ctx.lang, 'required')})</span>
  ) : null;
  const tail = (
    <>
      {help && (
        <p className="fr-help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {problems.length > 0 && (
        <p className="fr-error" id={`${id}-error`}>
          {problems.join(' · ')}
        </p>
      )}
    </>
  );
  if (grouped)
    return (
      <fieldset className="fr-field fr-fieldset" data-field={f.key}>
        <legend className="fr-label">
          {label}
          {marker}
          {required}
        </legend>
        {input}
        {tail}
      </fieldset>
    );
  if (f.type === 'boolean')
    return (
      <div className="fr-field fr-field-inline" data-field={f.key}>
        {input}{' '}
        <label htmlFor={id} className="fr-label">
          {label}
          {marker}
          {required}
        </label>
        {tail}
      </div>
    );
  return (
    <div className="fr-field" data-field={f.key}>
      <label htmlFor={id} className="fr-label">
        {label}
        {marker}
        {required}
      </label>
      {input}
      {tail}
    </div>
  );
}

const setKey = (obj: FormData, key: string, v: unknown): FormData => {
  const next = { ...obj };
  if (v === undefined) delete next[key];
  else next[key] = v;
  return next;
};

function Group(props: {
  g: LayoutGroup;
  data: FormData;
  top: FormData;
  onChange: (entries: FormData[] | undefined) => void;
  ctx: FieldCtx;
}) {
  const { g, ctx } = props;
  const entries = (Array.isArray(props.data[g.property]) ? props.data[g.property] : []) as FormData[];
  const title = ctx.lang === 'en' ? g.title_en : g.title;
  const path = `data.${g.property}`;
  const own = Object.entries(ctx.shown)
    .filter(([p]) => p === path)
    .map(([, m]) => m);
  const setEntry = (i: number, e: FormData) => props.onChange(entries.map((x, j) => (j === i ? e : x)));
  return (
    <fieldset className="fr-group" data-group={g.id}>
      <legend className="fr-group-title">
        {title}{' '}
        <span className="fr-hint">
          ({g.repeat.min}–{g.repeat.max})
        </span>
      </legend>
      {entries.length === 0 && <p className="fr-hint">{word(ctx.lang, 'noEntries')}</p>}
      {entries.map((entry, i) => (
        <div
          className="fr-entry"
          key={i}
          role="group"
          aria-label={`${title} – ${word(ctx.lang, 'entry')} ${i + 1}`}
        >
          <div className="fr-entry-head">
            <strong>
              {word(ctx.lang, 'entry')} {i + 1}
            </strong>
            {entries.length > g.repeat.min && (
              <button
                type="button"
                className="fr-link-button"
                onClick={() => {
                  const rest = entries.filter((_, j) => j !== i);
                  props.onChange(rest.length ? rest : undefined);
                }}
              >
                {word(ctx.lang, 'removeEntry')} {i + 1}
              </button>
            )}
          </div>
          {g.items.map((f) =>
            isShown(f.visibleWhen, props.top, entry) ? (
              <Field
                key={f.key}
                f={f}
                path={`${path}.${i}.${f.property}`}
                value={entry[f.property]}
                onChange={(v) => setEntry(i, setKey(entry, f.property, v))}
                ctx={ctx}
              />
            ) : null,
          )}
        </div>
      ))}
      {entries.length < g.repeat.max && (
        <button type="button" className="fr-button" onClick={() => props.onChange([...entries, {}])}>
          + {word(ctx.lang, 'addEntry')}
          <span className="fr-visually-hidden">: {title}</span>
        </button>
      )}
      {own.length > 0 && (
        <p className="fr-error" role="alert">
          {own.join(' · ')}
        </p>
      )}
    </fieldset>
  );
}

function Attachment(props: {
  a: AttachmentSpec;
  value: FormValue;
  onChange: (v: FormValue) => void;
  ctx: FieldCtx;
}) {
  const { a, ctx, value } = props;
  const chosen = value.attachments.find((x) => x.attachmentId === a.id);
  const name = ctx.lang === 'en' ? (a.name_en ?? a.name) : a.name;
  const id = idOf(`attachments.${a.id}`);
  const problems = errorsUnder(ctx.shown, `attachments.${a.id}`);
  const papers = a.fromDataStore ? (ctx.services?.papers ?? []).filter((d) => a.accept.includes(d.mime)) : [];
  const put = (next: FormValue['attachments'][number] | null) =>
    props.onChange({
      ...value,
      attachments: [...value.attachments.filter((x) => x.attachmentId !== a.id), ...(next ? [next] : [])],
    });
  return (
    <li className="fr-attachment" data-attachment={a.id}>
      <p className="fr-label" id={`${id}-name`}>
        {name}
        {a.required && (
          <span className="fr-required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
        {a.required && <span className="fr-visually-hidden"> ({word(ctx.lang, 'required')})</span>}
      </p>
      <p className="fr-hint" id={`${id}-hint`}>
        {word(ctx.lang, 'accepts')} {typeNames(a.accept)}, {word(ctx.lang, 'upTo')} {a.maxSizeMb} MB
      </p>
      {chosen && (
        <p className="fr-file-chosen">
          ✓ {chosen.name}
          {'sha256' in chosen ? ` (${sizeText(chosen.size)})` : ` (${word(ctx.lang, 'fromDataStore')})`}{' '}
          <button type="button" className="fr-link-button" onClick={() => put(null)}>
            {word(ctx.lang, 'remove')}
            <span className="fr-visually-hidden">: {name}</span>
          </button>
        </p>
      )}
      <FileUpload
        id={id}
        label={name}
        accept={a.accept}
        maxSizeMb={a.maxSizeMb}
        lang={ctx.lang}
        services={ctx.services}
        describedBy={`${id}-name ${id}-hint`}
        onUploaded={(u) =>
          put({ attachmentId: a.id, name: u.name, sha256: u.sha256, size: u.size, mime: u.mime })
        }
      />
      {papers.length > 0 && (
        <div className="fr-field">
          <label htmlFor={`${id}-store`}>{word(ctx.lang, 'fromStore')}</label>
          <select
            id={`${id}-store`}
            className="fr-input"
            value={chosen && 'documentId' in chosen ? chosen.documentId : ''}
            onChange={(e) => {
              const d = papers.find((x) => x.id === e.currentTarget.value);
              put(d ? { attachmentId: a.id, documentId: d.id, name: d.name } : null);
            }}
          >
            <option value="">{word(ctx.lang, 'choose')}</option>
            {papers.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {problems.length > 0 && <p className="fr-error">{problems.join(' · ')}</p>}
    </li>
  );
}

/** The online form, drawn from the compiled layout: see index.tsx for the contract. */
export function FormRenderer(props: FormRendererProps) {
  const { layout, value, onChange } = props;
  const lang = props.lang ?? 'vi';
  const mode = props.mode ?? 'fill';
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const inline = useMemo(
    () => (props.inlineValidation === false || touched.size === 0 ? {} : validateForm(layout, value, lang)),
    [layout, value, lang, touched, props.inlineValidation],
  );
  if (mode === 'review') return <ReviewView layout={layout} value={value} lang={lang} />;
  const shown: FieldErrors = {
    ...Object.fromEntries(
      Object.entries(inline).filter(([p]) => [...touched].some((t) => p === t || p.startsWith(`${t}.`))),
    ),
    ...props.errors,
  };
  const ctx: FieldCtx = {
    lang,
    shown,
    touch: (path) => setTouched((t) => (t.has(path) ? t : new Set([...t, path]))),
    services: mode === 'preview' ? { ...props.services, upload: undefined } : props.services,
  };
  const top = visibleData(layout, value.data);
  const setData = (data: FormData) => onChange({ ...value, data });
  const general = Object.entries(props.errors ?? {})
    .filter(([p]) => p === 'data' || p === 'attachments' || /^attachments\.\d/.test(p))
    .map(([, m]) => m);
  return (
    <div className="fr-form" lang={lang}>
      {layout.sections.map((s) => (
        <section className="fr-section" key={s.id} aria-labelledby={`fr-section-${s.id}`}>
          <h2 className="fr-section-title" id={`fr-section-${s.id}`}>
            {lang === 'en' ? s.title_en : s.title}
          </h2>
          {s.items.map((item) => {
            if (!isShown(item.visibleWhen, top)) return null;
            if (item.kind === 'group')
              return (
                <Group
                  key={item.id}
                  g={item}
                  data={value.data}
                  top={top}
                  ctx={ctx}
                  onChange={(entries) => setData(setKey(value.data, item.property, entries))}
                />
              );
            return (
              <Field
                key={item.key}
                f={item}
                path={`data.${item.property}`}
                value={value.data[item.property]}
                onChange={(v) => setData(setKey(value.data, item.property, v))}
                ctx={ctx}
              />
            );
          })}
        </section>
      ))}
      {layout.attachments.length > 0 && (
        <section className="fr-section" aria-labelledby="fr-section-attachments">
          <h2 className="fr-section-title" id="fr-section-attachments">
            {word(lang, 'papers')}
          </h2>
          <ul className="fr-attachments">
            {layout.attachments.map((a) => (
              <Attachment key={a.id} a={a} value={value} onChange={onChange} ctx={ctx} />
            ))}
          </ul>
        </section>
      )}
      {general.length > 0 && (
        <div className="fr-error" role="alert">
          {general.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
    </div>
  );
}
