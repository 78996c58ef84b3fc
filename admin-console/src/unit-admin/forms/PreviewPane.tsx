/**
 * The live preview: the builder document compiled by the server (POST /forms/preview, nothing
 * stored) and drawn by the portal's own renderer, so the admin sees exactly what citizens will.
 */
import { FormRenderer, emptyFormValue, type FormValue, type UiLayout } from '@portal-form/index';
import { Alert, Box, LinearProgress, Paper, Tab, Tabs, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useLocaleState, useTranslate, type HttpError } from 'react-admin';
import { apiFetch } from '../../core/api';
import type { FormDefinition } from './builder-document';

interface Compiled {
  jsonSchema: Record<string, unknown>;
  uiLayout: UiLayout;
}

export interface PreviewProblem {
  path: string;
  message: string;
}

export function PreviewPane(props: {
  definition: FormDefinition;
  onProblems: (p: PreviewProblem[]) => void;
}) {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const [compiled, setCompiled] = useState<Compiled | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState<'form' | 'schema'>('form');
  const [value, setValue] = useState<FormValue>(emptyFormValue());
  const body = JSON.stringify({ draft: props.definition });
  const { onProblems } = props;

  useEffect(() => {
    let live = true;
    setBusy(true);
    const timer = setTimeout(() => {
      apiFetch<Compiled>('/forms/preview', { method: 'POST', body })
        .then(({ json }) => {
          if (!live) return;
          setCompiled(json);
          setRefused(null);
          onProblems([]);
        })
        .catch((e: HttpError) => {
          if (!live) return;
          const errors = ((e.body as { errors?: Record<string, string> } | undefined)?.errors ??
            {}) as Record<string, string>;
          setRefused(e.message);
          onProblems(Object.entries(errors).map(([path, message]) => ({ path, message })));
        })
        .finally(() => live && setBusy(false));
    }, 350);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [body, onProblems]);

  const empty = props.definition.sections.every((s) => s.items.length === 0);
  return (
    <Paper sx={{ p: 1.5, position: 'sticky', top: 72 }} data-testid="form-preview">
      <Typography variant="subtitle1">{t('unitAdmin.builder.preview')}</Typography>
      <Tabs value={tab} onChange={(_, v: 'form' | 'schema') => setTab(v)} sx={{ minHeight: 36, mb: 1 }}>
        <Tab value="form" label={t('unitAdmin.builder.preview_as_citizen')} sx={{ minHeight: 36 }} />
        <Tab value="schema" label="JSON Schema" sx={{ minHeight: 36 }} />
      </Tabs>
      <Box sx={{ height: 4 }}>{busy && <LinearProgress />}</Box>
      {refused && (
        <Alert severity="warning" sx={{ mb: 1 }} data-testid="preview-refused">
          {refused}
        </Alert>
      )}
      <Box sx={{ maxHeight: 'calc(100vh - 230px)', overflowY: 'auto', opacity: refused ? 0.5 : 1 }}>
        {empty ? (
          <Typography color="text.secondary">{t('unitAdmin.builder.preview_empty')}</Typography>
        ) : compiled && tab === 'form' ? (
          <FormRenderer
            layout={compiled.uiLayout}
            schema={compiled.jsonSchema}
            value={value}
            onChange={setValue}
            mode="preview"
            lang={locale === 'en' ? 'en' : 'vi'}
          />
        ) : compiled ? (
          <Box component="pre" sx={{ fontSize: 12, m: 0 }} data-testid="preview-schema">
            {JSON.stringify(compiled.jsonSchema, null, 2)}
          </Box>
        ) : null}
      </Box>
    </Paper>
  );
}
