import { isShown, visibleData } from './conditions';
import { sizeText } from './FileUpload';
import { PROVINCES } from './provinces';
import type { FormData, FormValue, Lang, LayoutField, UiLayout } from './types';
import { word } from './words';

const viDate = (iso: string) => iso.split('-').reverse().join('/');

/** A value as the citizen reads it back: option labels, dd/MM/yyyy, province names, Có/Không. */
export function displayValue(f: LayoutField, v: unknown, lang: Lang): string {
  if (v === undefined || v === null || v === '') return word(lang, 'empty');
  const option = (x: unknown) => {
    const o = f.options.find((o) => o.value === x);
    return o ? (lang === 'en' ? o.label_en : o.label) : String(x);
  };
  switch (f.type) {
    case 'select':
      return option(v);
    case 'multi_select':
      return Array.isArray(v) ? v.map(option).join(', ') : String(v);
    case 'boolean':
      return word(lang, v === true ? 'yes' : 'no');
    case 'date':
      return typeof v === 'string' ? viDate(v) : String(v);
    case 'address': {
      const a = v as { provinceCode?: string; communeCode?: string; street?: string };
      const province = PROVINCES.find((p) => p.code === a.provinceCode)?.name ?? a.provinceCode;
      return [a.street, a.communeCode ? `${word(lang, 'commune')} ${a.communeCode}` : '', province]
        .filter(Boolean)
        .join(', ');
    }
    case 'file': {
      const r = v as { name?: string; size?: number };
      return `${r.name ?? ''} (${sizeText(r.size ?? 0)})`;
    }
    case 'number':
      return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN').format(Number(v));
    default:
      return String(v);
  }
}

function Rows({
  items,
  data,
  top,
  lang,
}: {
  items: LayoutField[];
  data: FormData;
  top: FormData;
  lang: Lang;
}) {
  return (
    <dl className="fr-review">
      {items
        .filter((f) => isShown(f.visibleWhen, top, data))
        .map((f) => (
          <div className="fr-review-row" key={f.key}>
            <dt>{lang === 'en' ? f.label_en : f.label}</dt>
            <dd>{displayValue(f, data[f.property], lang)}</dd>
          </div>
        ))}
    </dl>
  );
}

/** The read-only summary of a filled form (mode="review"): only what will be sent. */
export function ReviewView({ layout, value, lang }: { layout: UiLayout; value: FormValue; lang: Lang }) {
  const data = visibleData(layout, value.data);
  return (
    <div className="fr-form fr-form-review" lang={lang}>
      {layout.sections.map((s) => (
        <section className="fr-section" key={s.id}>
          <h2 className="fr-section-title">{lang === 'en' ? s.title_en : s.title}</h2>
          <Rows
            items={s.items.filter((i): i is LayoutField => i.kind === 'field')}
            data={data}
            top={data}
            lang={lang}
          />
          {s.items.map((g) =>
            g.kind === 'group' && Array.isArray(data[g.property]) ? (
              <div className="fr-group" key={g.id}>
                <h3 className="fr-group-title">{lang === 'en' ? g.title_en : g.title}</h3>
                {(data[g.property] as FormData[]).map((e, i) => (
                  <div className="fr-entry" key={i}>
                    <strong>
                      {word(lang, 'entry')} {i + 1}
                    </strong>
                    <Rows items={g.items} data={e} top={data} lang={lang} />
                  </div>
                ))}
              </div>
            ) : null,
          )}
        </section>
      ))}
      {layout.attachments.length > 0 && (
        <section className="fr-section">
          <h2 className="fr-section-title">{word(lang, 'papers')}</h2>
          <dl className="fr-review">
            {layout.attachments.map((a) => {
              const x = value.attachments.find((v) => v.attachmentId === a.id);
              return (
                <div className="fr-review-row" key={a.id}>
                  <dt>{lang === 'en' ? (a.name_en ?? a.name) : a.name}</dt>
                  <dd>
                    {x
                      ? `${x.name}${'sha256' in x ? ` (${sizeText(x.size)})` : ` (${word(lang, 'fromDataStore')})`}`
                      : word(lang, 'empty')}
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
      )}
    </div>
  );
}
