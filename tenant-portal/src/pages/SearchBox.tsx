import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n';

/** The search box: any spelling, with or without diacritics; the server forgives a typo. */
export function SearchBox({ initial = '', extra = '' }: { initial?: string; extra?: string }) {
  const { t } = useI18n();
  const [q, setQ] = useState(initial);
  const navigate = useNavigate();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void navigate(`/thu-tuc?q=${encodeURIComponent(q.trim())}${extra}`);
  };
  return (
    <form className="search-box" role="search" onSubmit={submit}>
      <label htmlFor="search-q" className="visually-hidden">
        {t('searchLabel')}
      </label>
      <input
        id="search-q"
        type="search"
        name="q"
        value={q}
        placeholder={t('searchPlaceholder')}
        onChange={(e) => setQ(e.currentTarget.value)}
        autoComplete="off"
      />
      <button type="submit" className="button">
        {t('search')}
      </button>
    </form>
  );
}
