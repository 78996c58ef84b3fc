/**
 * The form builder page (lazy: its code, dnd-kit and the portal renderer load only here). Left:
 * the shared dictionary; middle: the form's sections, fields, groups and attachments; right: the
 * live preview. Save keeps the draft; publish freezes it as the next immutable version.
 */
import { Box, Button, Chip, Paper, Stack, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Confirm, Loading, Title, useNotify, useTranslate, type HttpError } from 'react-admin';
import { apiFetch } from '../../core/api';
import { useAdminPath } from '../paths';
import { formatDateTime } from '../../core/format';
import { AttachmentsEditor } from './AttachmentsEditor';
import { BuilderCanvas } from './BuilderCanvas';
import {
  canonicalJson,
  emptyState,
  fromDefinition,
  newField,
  newGroup,
  newSection,
  placedKeys,
  toDefinition,
  uidAtPath,
  type BuilderState,
  type FormDefinition,
} from './builder-document';
import { loadFields, type DictField } from './dictionary';
import { DictionaryPicker } from './DictionaryPicker';
import { PreviewPane, type PreviewProblem } from './PreviewPane';

interface FormRecord {
  id: string;
  procedureId: string;
  name: string;
  draft: FormDefinition;
  latestVersion: number | null;
}
interface VersionSummary {
  version: number;
  publishedAt: string;
}

function keysIn(def: FormDefinition): string[] {
  return def.sections.flatMap((s) =>
    s.items.flatMap((i) => (i.kind === 'field' ? [i.key] : i.items.map((f) => f.key))),
  );
}

export default function FormBuilderPage() {
  const { id = '' } = useParams();
  const t = useTranslate();
  const notify = useNotify();
  const adminPath = useAdminPath();
  const [form, setForm] = useState<FormRecord | null>(null);
  const [procedureName, setProcedureName] = useState('');
  const [name, setName] = useState('');
  const [state, setState] = useState<BuilderState>(emptyState());
  const [fields, setFields] = useState<Map<string, DictField>>(new Map());
  const [saved, setSaved] = useState('');
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [target, setTarget] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [problems, setProblems] = useState<PreviewProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  const loadVersions = useCallback(async () => {
    const { json } = await apiFetch<VersionSummary[]>(`/forms/${id}/versions`);
    setVersions(json);
  }, [id]);

  useEffect(() => {
    (async () => {
      const { json } = await apiFetch<FormRecord>(`/forms/${id}`);
      const dict = await loadFields(keysIn(json.draft));
      setFields(new Map(dict.map((f) => [f.key, f])));
      const st = fromDefinition(json.draft);
      setForm(json);
      setName(json.name);
      setState(st);
      setTarget(st.sections[0]?.uid ?? '');
      setSaved(canonicalJson({ name: json.name, draft: json.draft }));
      await loadVersions();
      const p = await apiFetch<{ name: string }>(`/procedures/${json.procedureId}`).catch(() => null);
      if (p) setProcedureName(p.json.name);
    })().catch((e: Error) => setLoadError(e.message));
  }, [id, loadVersions]);

  const typeOf = useCallback((key: string) => fields.get(key)?.type, [fields]);
  const definition = useMemo(() => toDefinition(state, typeOf), [state, typeOf]);
  const current = canonicalJson({ name: name.trim(), draft: definition });
  const dirty = form !== null && current !== saved;
  const problemsByUid = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const p of problems) {
      const uid = uidAtPath(state, p.path);
      m.set(uid, [...(m.get(uid) ?? []), p.message]);
    }
    return m;
  }, [problems, state]);
  const onProblems = useCallback((p: PreviewProblem[]) => setProblems(p), []);

  /** Adds the picked field at the end of the chosen section or group (the last section if none). */
  const pick = (f: DictField) => {
    setFields((m) => new Map(m).set(f.key, f));
    let next = state;
    let to = target;
    if (next.sections.length === 0) {
      const sec = newSection(next, t('unitAdmin.builder.first_section'));
      next = { ...next, sections: [sec] };
      to = sec.uid;
      setTarget(sec.uid);
    }
    const item = newField(f.key);
    const inGroup = next.sections.some((sec) => sec.items.some((i) => i.uid === to && i.kind === 'group'));
    const section = next.sections.some((sec) => sec.uid === to) ? to : next.sections.at(-1)!.uid;
    setState({
      ...next,
      sections: next.sections.map((sec) => {
        if (inGroup)
          return {
            ...sec,
            items: sec.items.map((g) =>
              g.uid === to && g.kind === 'group' ? { ...g, items: [...g.items, item] } : g,
            ),
          };
        return sec.uid === section ? { ...sec, items: [...sec.items, item] } : sec;
      }),
    });
  };

  const addSection = () => {
    const sec = newSection(state, t('unitAdmin.builder.new_section'));
    setState({ ...state, sections: [...state.sections, sec] });
    setTarget(sec.uid);
  };
  const addGroup = () => {
    let next = state;
    if (next.sections.length === 0)
      next = { ...next, sections: [newSection(next, t('unitAdmin.builder.first_section'))] };
    const group = newGroup(next, t('unitAdmin.builder.new_group'));
    const owner =
      next.sections.find((s) => s.uid === target || s.items.some((i) => i.uid === target)) ??
      next.sections.at(-1)!;
    setState({
      ...next,
      sections: next.sections.map((s) => (s.uid === owner.uid ? { ...s, items: [...s.items, group] } : s)),
    });
    setTarget(group.uid);
    setOpen(group.uid);
  };

  const save = async (): Promise<boolean> => {
    setBusy(true);
    try {
      const { json } = await apiFetch<FormRecord>(`/forms/${id}`, {
        method: 'PATCH',
        body: JSON.stringify({ name: name.trim(), draft: definition }),
      });
      setForm(json);
      setSaved(canonicalJson({ name: json.name, draft: json.draft }));
      notify('unitAdmin.builder.saved', { type: 'success' });
      return true;
    } catch (e) {
      const err = e as HttpError;
      notify(err.message, { type: 'error' });
      const errors = (err.body as { errors?: Record<string, string> } | undefined)?.errors ?? {};
      setProblems(Object.entries(errors).map(([path, message]) => ({ path, message })));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const publish = async () => {
    setConfirming(false);
    if (dirty && !(await save())) return;
    setBusy(true);
    try {
      const { json } = await apiFetch<{ version: number }>(`/forms/${id}/publish`, { method: 'POST' });
      notify('unitAdmin.builder.published', { type: 'success', messageArgs: { version: json.version } });
      setForm((f) => (f ? { ...f, latestVersion: json.version } : f));
      await loadVersions();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  if (loadError) return <Typography color="error">{loadError}</Typography>;
  if (!form) return <Loading />;
  return (
    <Box sx={{ pt: 1 }}>
      <Title title={t('unitAdmin.builder.title', { name: form.name })} />
      <Paper sx={{ p: 1.5, mb: 2 }}>
        <Stack sx={{ alignItems: 'center', flexWrap: 'wrap' }} direction="row" spacing={2} useFlexGap>
          <TextField
            size="small"
            sx={{ minWidth: 320, flex: 1 }}
            label={t('unitAdmin.forms.fields.name')}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <Box>
            <Typography variant="caption" color="text.secondary" component="div">
              {t('unitAdmin.forms.fields.procedure')}
            </Typography>
            <Typography variant="body2" component={Link} to={adminPath(`/procedures/${form.procedureId}`)}>
              {procedureName || form.procedureId}
            </Typography>
          </Box>
          <Chip
            label={
              form.latestVersion
                ? t('unitAdmin.builder.latest_version', { version: form.latestVersion })
                : t('unitAdmin.builder.never_published')
            }
            color={form.latestVersion ? 'success' : 'default'}
            data-testid="latest-version"
          />
          <Chip
            variant="outlined"
            label={dirty ? t('unitAdmin.builder.unsaved') : t('unitAdmin.builder.all_saved')}
            color={dirty ? 'warning' : 'default'}
          />
          <Button variant="outlined" onClick={() => void save()} disabled={busy || !dirty}>
            {t('unitAdmin.builder.save')}
          </Button>
          <Button
            variant="contained"
            onClick={() => setConfirming(true)}
            disabled={busy || problems.length > 0}
          >
            {t('unitAdmin.builder.publish')}
          </Button>
        </Stack>
      </Paper>
      <Box
        sx={{
          display: 'grid',
          gap: 2,
          gridTemplateColumns: {
            xs: '1fr',
            lg: 'minmax(240px, 280px) minmax(340px, 1fr) minmax(340px, 1fr)',
          },
          alignItems: 'start',
        }}
      >
        <DictionaryPicker
          state={state}
          target={target}
          onTarget={setTarget}
          placed={placedKeys(state)}
          onPick={pick}
        />
        <Box>
          <BuilderCanvas
            state={state}
            onChange={setState}
            fields={fields}
            problems={problemsByUid}
            target={target}
            onTarget={setTarget}
            open={open}
            onOpen={setOpen}
          />
          {state.sections.length === 0 && (
            <Paper sx={{ p: 3, mb: 2, textAlign: 'center' }}>
              <Typography color="text.secondary">{t('unitAdmin.builder.empty')}</Typography>
            </Paper>
          )}
          <Stack direction="row" spacing={1} sx={{ mb: 2 }}>
            <Button variant="outlined" size="small" onClick={addSection}>
              {t('unitAdmin.builder.add_section')}
            </Button>
            <Button variant="outlined" size="small" onClick={addGroup}>
              {t('unitAdmin.builder.add_group')}
            </Button>
          </Stack>
          {problemsByUid.get('') && (
            <Typography color="error" variant="body2" sx={{ mb: 1 }}>
              {problemsByUid.get('')!.join(' ')}
            </Typography>
          )}
          <AttachmentsEditor state={state} onChange={setState} problems={problemsByUid} />
          {versions.length > 0 && (
            <Paper sx={{ p: 1.5 }}>
              <Typography variant="subtitle1">{t('unitAdmin.builder.versions')}</Typography>
              {versions.map((v) => (
                <Typography key={v.version} variant="body2">
                  {t('unitAdmin.builder.version_line', {
                    version: v.version,
                    at: formatDateTime(v.publishedAt),
                  })}
                </Typography>
              ))}
            </Paper>
          )}
        </Box>
        <PreviewPane definition={definition} onProblems={onProblems} />
      </Box>
      <Confirm
        isOpen={confirming}
        title="unitAdmin.builder.publish_confirm_title"
        content="unitAdmin.builder.publish_confirm"
        translateOptions={{ version: (form.latestVersion ?? 0) + 1 }}
        onConfirm={() => void publish()}
        onClose={() => setConfirming(false)}
      />
    </Box>
  );
}
