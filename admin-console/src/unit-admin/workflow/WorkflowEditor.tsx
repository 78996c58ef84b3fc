/**
 * A procedure's processing steps, in order, each with the role that acts and whether it is
 * processing or a leader's sign-off. Saving replaces the list; dossiers already in processing keep
 * their step number (server rule).
 */
import ArrowDownward from '@mui/icons-material/ArrowDownward';
import ArrowUpward from '@mui/icons-material/ArrowUpward';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import { Alert, Box, Button, IconButton, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Loading, Title, useNotify, useTranslate, type HttpError } from 'react-admin';
import { Link, useParams } from 'react-router';
import { apiFetch } from '../../core/api';
import { move } from '../forms/builder-document';
import { useAdminPath } from '../paths';

type Role = 'desk_officer' | 'processing_officer' | 'leader';
interface Step {
  name: string;
  role: Role;
  kind: 'process' | 'approve';
}

export function WorkflowEditor() {
  const { id = '' } = useParams();
  const t = useTranslate();
  const notify = useNotify();
  const path = useAdminPath();
  const [steps, setSteps] = useState<Step[] | null>(null);
  const [isDefault, setIsDefault] = useState(false);
  const [procedure, setProcedure] = useState<{ name: string; nationalCode: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    apiFetch<{ steps: Step[]; isDefault: boolean }>(`/procedures/${id}/workflow`)
      .then(({ json }) => {
        setSteps(json.steps);
        setIsDefault(json.isDefault);
      })
      .catch((e: Error) => notify(e.message, { type: 'error' }));
    apiFetch<{ name: string; nationalCode: string }>(`/procedures/${id}`)
      .then(({ json }) => setProcedure(json))
      .catch(() => undefined);
  }, [id, notify]);

  if (!steps) return <Loading />;
  const set = (i: number, patch: Partial<Step>) =>
    setSteps(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const save = async () => {
    setBusy(true);
    setErrors({});
    try {
      const { json } = await apiFetch<{ steps: Step[] }>(`/procedures/${id}/workflow`, {
        method: 'PUT',
        body: JSON.stringify({ steps }),
      });
      if (json?.steps) setSteps(json.steps);
      setIsDefault(false);
      notify('unitAdmin.workflow.saved', { type: 'success' });
    } catch (e) {
      const err = e as HttpError;
      setErrors(((err.body as { errors?: Record<string, string> })?.errors ?? {}) as Record<string, string>);
      notify(err.message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ maxWidth: 900, pt: 1 }}>
      <Title title="unitAdmin.workflow.title" />
      <Typography variant="h6">
        {t('unitAdmin.workflow.title')}
        {procedure && `: ${procedure.nationalCode} — ${procedure.name}`}
      </Typography>
      <Button component={Link} to={path(`/procedures/${id}`)} size="small" sx={{ mb: 1 }}>
        {t('unitAdmin.workflow.back')}
      </Button>
      {isDefault && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {t('unitAdmin.workflow.default')}
        </Alert>
      )}
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('unitAdmin.workflow.reception')}
      </Typography>
      {steps.map((s, i) => (
        <Paper key={i} variant="outlined" sx={{ p: 1.5, mb: 1 }} data-testid={`step-${i + 1}`}>
          <Stack sx={{ alignItems: 'center' }} direction="row" spacing={1}>
            <Typography sx={{ width: 28, fontWeight: 600 }}>{i + 1}.</Typography>
            <TextField
              size="small"
              label={t('unitAdmin.workflow.name')}
              value={s.name}
              sx={{ flex: 1 }}
              error={!!errors[`steps.${i}.name`]}
              helperText={errors[`steps.${i}.name`]}
              onChange={(e) => set(i, { name: e.target.value })}
            />
            <TextField
              select
              size="small"
              label={t('unitAdmin.workflow.role')}
              value={s.role}
              sx={{ width: 220 }}
              onChange={(e) => set(i, { role: e.target.value as Role })}
            >
              {(['desk_officer', 'processing_officer', 'leader'] as const).map((r) => (
                <MenuItem key={r} value={r}>
                  {t(`unitAdmin.roles.${r}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              size="small"
              label={t('unitAdmin.workflow.kind')}
              value={s.kind}
              sx={{ width: 170 }}
              onChange={(e) => set(i, { kind: e.target.value as Step['kind'] })}
            >
              <MenuItem value="process">{t('unitAdmin.workflow.process')}</MenuItem>
              <MenuItem value="approve">{t('unitAdmin.workflow.approve')}</MenuItem>
            </TextField>
            <IconButton
              size="small"
              disabled={i === 0}
              onClick={() => setSteps(move(steps, i, i - 1))}
              aria-label={t('unitAdmin.workflow.up')}
            >
              <ArrowUpward fontSize="small" />
            </IconButton>
            <IconButton
              size="small"
              disabled={i === steps.length - 1}
              onClick={() => setSteps(move(steps, i, i + 1))}
              aria-label={t('unitAdmin.workflow.down')}
            >
              <ArrowDownward fontSize="small" />
            </IconButton>
            <IconButton
              size="small"
              disabled={steps.length === 1}
              onClick={() => setSteps(steps.filter((_, j) => j !== i))}
              aria-label={t('unitAdmin.workflow.remove')}
            >
              <DeleteOutlined fontSize="small" />
            </IconButton>
          </Stack>
        </Paper>
      ))}
      <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
        <Button
          variant="outlined"
          disabled={steps.length >= 20}
          onClick={() => setSteps([...steps, { name: '', role: 'processing_officer', kind: 'process' }])}
        >
          {t('unitAdmin.workflow.add')}
        </Button>
        <Button variant="contained" disabled={busy} onClick={() => void save()}>
          {t('ra.action.save')}
        </Button>
      </Stack>
    </Box>
  );
}
