import { useEffect, useState } from 'react';
import { FileUpload, sizeText } from './FileUpload';
import { PROVINCES } from './provinces';
import type { FormServices, Lang, LayoutField } from './types';
import { word } from './words';

export interface FieldInputProps {
  field: LayoutField;
  value: unknown;
  /** `undefined` removes the property: an empty answer is no answer. */
  onChange: (v: unknown) => void;
  onBlur?: () => void;
  id: string;
  describedBy?: string;
  invalid: boolean;
  lang: Lang;
  disabled?: boolean;
  services?: FormServices;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const orNone = (s: string) => (s === '' ? undefined : s);

/** The input for one field, by its widget (forms/compile/ui-layout.ts WIDGETS). Labels are drawn by the caller. */
export function FieldInput(p: FieldInputProps) {
  const { field: f, lang } = p;
  const common = {
    id: p.id,
    disabled: p.disabled,
    'aria-invalid': p.invalid || undefined,
    'aria-describedby': p.describedBy,
    'aria-required': f.required || undefined,
    onBlur: p.onBlur,
  };
  const v = f.validation;
  switch (f.type) {
    case 'long_text':
      return (
        <textarea
          {...common}
          className="fr-input"
          rows={4}
          maxLength={v.maxLength ?? 5000}
          value={text(p.value)}
          onChange={(e) => p.onChange(orNone(e.currentTarget.value))}
        />
      );
    case 'number':
      return (
        <input
          {...common}
          className="fr-input fr-input-short"
          type="number"
          inputMode={v.integer ? 'numeric' : 'decimal'}
          step={v.integer ? 1 : 'any'}
          min={v.min}
          max={v.max}
          value={typeof p.value === 'number' ? p.value : ''}
          onChange={(e) => {
            const s = e.currentTarget.value;
            p.onChange(s === '' ? undefined : Number(s));
          }}
        />
      );
    case 'date':
      return (
        <input
          {...common}
          className="fr-input fr-input-short"
          type="date"
          min={v.minDate}
          max={v.maxDate}
          value={text(p.value)}
          onChange={(e) => p.onChange(orNone(e.currentTarget.value))}
        />
      );
    case 'select':
      return (
        <select
          {...common}
          className="fr-input"
          value={text(p.value)}
          onChange={(e) => p.onChange(orNone(e.currentTarget.value))}
        >
          <option value="">{word(lang, 'choose')}</option>
          {f.options.map((o) => (
            <option key={o.value} value={o.value}>
              {lang === 'en' ? o.label_en : o.label}
            </option>
          ))}
        </select>
      );
    case 'multi_select': {
      const chosen = Array.isArray(p.value) ? (p.value as string[]) : [];
      return (
        <div className="fr-choices" id={p.id} aria-describedby={p.describedBy}>
          {f.options.map((o) => (
            <label key={o.value} className="fr-choice">
              <input
                type="checkbox"
                disabled={p.disabled}
                checked={chosen.includes(o.value)}
                onChange={(e) => {
                  const next = e.currentTarget.checked
                    ? [...chosen, o.value]
                    : chosen.filter((x) => x !== o.value);
                  p.onChange(next.length ? next : undefined);
                }}
              />{' '}
              {lang === 'en' ? o.label_en : o.label}
            </label>
          ))}
        </div>
      );
    }
    case 'boolean':
      return (
        <input
          {...common}
          className="fr-checkbox"
          type="checkbox"
          checked={p.value === true}
          onChange={(e) => p.onChange(e.currentTarget.checked)}
        />
      );
    case 'address':
      return <AddressInput {...p} />;
    case 'file': {
      const ref = p.value as { name?: string; size?: number } | undefined;
      return (
        <div>
          {ref?.name && (
            <p className="fr-file-chosen">
              {ref.name} ({sizeText(ref.size ?? 0)}){' '}
              <button type="button" className="fr-link-button" onClick={() => p.onChange(undefined)}>
                {word(lang, 'remove')}
              </button>
            </p>
          )}
          <FileUpload
            id={p.id}
            label={lang === 'en' ? f.label_en : f.label}
            accept={['application/pdf', 'image/jpeg', 'image/png']}
            maxSizeMb={20}
            lang={lang}
            services={p.services}
            disabled={p.disabled}
            describedBy={p.describedBy}
            onUploaded={(u) => p.onChange({ sha256: u.sha256, name: u.name, size: u.size, mime: u.mime })}
          />
        </div>
      );
    }
    default: {
      // text, pid, phone, email, tax_code
      const kind = {
        pid: { type: 'text', inputMode: 'numeric', maxLength: 12, autoComplete: 'off' },
        phone: { type: 'tel', inputMode: 'tel', maxLength: 13, autoComplete: 'tel' },
        email: { type: 'email', inputMode: 'email', maxLength: 254, autoComplete: 'email' },
        tax_code: { type: 'text', inputMode: 'numeric', maxLength: 14, autoComplete: 'off' },
      }[f.type as string] ?? {
        type: 'text',
        inputMode: 'text',
        maxLength: v.maxLength ?? 500,
        autoComplete: 'on',
      };
      return (
        <input
          {...common}
          className={f.type === 'text' ? 'fr-input' : 'fr-input fr-input-short'}
          type={kind.type}
          inputMode={kind.inputMode as 'text'}
          maxLength={kind.maxLength}
          autoComplete={kind.autoComplete}
          value={text(p.value)}
          onChange={(e) => {
            const s = e.currentTarget.value;
            // Identifier fields keep digits only, as a citizen types them with spaces or dots.
            p.onChange(orNone(f.type === 'pid' ? s.replace(/\D/g, '') : s));
          }}
        />
      );
    }
  }
}

interface Address {
  provinceCode?: string;
  communeCode?: string;
  street?: string;
}

/** Province → commune pickers and the street line; the commune is a list when the host knows it, else its code. */
function AddressInput(p: FieldInputProps) {
  const { lang } = p;
  const a = (p.value ?? {}) as Address;
  const [communes, setCommunes] = useState<{ code: string; name: string }[] | null>(null);
  const source = p.services?.communes;
  useEffect(() => {
    setCommunes(null);
    if (!source || !a.provinceCode) return;
    let live = true;
    source(a.provinceCode).then(
      (list) => live && setCommunes(list.length ? list : null),
      () => live && setCommunes(null),
    );
    return () => {
      live = false;
    };
  }, [source, a.provinceCode]);
  const set = (part: keyof Address, s: string) => {
    const next: Address = { ...a, [part]: s === '' ? undefined : s };
    if (part === 'provinceCode') delete next.communeCode;
    const clean = Object.fromEntries(Object.entries(next).filter(([, x]) => x !== undefined));
    p.onChange(Object.keys(clean).length ? clean : undefined);
  };
  const sub = (part: string) => `${p.id}-${part}`;
  return (
    <div className="fr-address" aria-describedby={p.describedBy}>
      <div className="fr-address-part">
        <label htmlFor={sub('province')}>{word(lang, 'province')}</label>
        <select
          id={sub('province')}
          className="fr-input"
          disabled={p.disabled}
          aria-invalid={p.invalid || undefined}
          value={a.provinceCode ?? ''}
          onChange={(e) => set('provinceCode', e.currentTarget.value)}
          onBlur={p.onBlur}
        >
          <option value="">{word(lang, 'choose')}</option>
          {PROVINCES.map((x) => (
            <option key={x.code} value={x.code}>
              {x.name}
            </option>
          ))}
        </select>
      </div>
      <div className="fr-address-part">
        <label htmlFor={sub('commune')}>{communes ? word(lang, 'commune') : word(lang, 'communeCode')}</label>
        {communes ? (
          <select
            id={sub('commune')}
            className="fr-input"
            disabled={p.disabled}
            value={a.communeCode ?? ''}
            onChange={(e) => set('communeCode', e.currentTarget.value)}
            onBlur={p.onBlur}
          >
            <option value="">{word(lang, 'choose')}</option>
            {communes.map((x) => (
              <option key={x.code} value={x.code}>
                {x.name}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={sub('commune')}
            className="fr-input fr-input-short"
            inputMode="numeric"
            maxLength={5}
            disabled={p.disabled || !a.provinceCode}
            value={a.communeCode ?? ''}
            onChange={(e) => set('communeCode', e.currentTarget.value.replace(/\D/g, ''))}
            onBlur={p.onBlur}
          />
        )}
      </div>
      <div className="fr-address-part fr-address-street">
        <label htmlFor={sub('street')}>{word(lang, 'street')}</label>
        <input
          id={sub('street')}
          className="fr-input"
          maxLength={300}
          disabled={p.disabled}
          value={a.street ?? ''}
          onChange={(e) => set('street', e.currentTarget.value)}
          onBlur={p.onBlur}
        />
      </div>
    </div>
  );
}
