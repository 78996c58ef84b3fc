import {
  Alert,
  Autocomplete,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { HttpError, useGetIdentity, useTranslate } from 'react-admin';
import { apiFetch } from '../core/api';
import { useColleagues } from './bits';
import { act, upload } from './calls';
import type { DossierAction, DossierDetail } from './types';

interface Unit {
  id: string;
  code: string;
  name: string;
}

const REASON_HINT: Partial<Record<DossierAction, string>> = {
  refuse: 'dossierWork.dialog.reason_refuse',
  'request-supplement': 'dossierWork.dialog.reason_supplement',
  'send-back': 'dossierWork.dialog.reason_send_back',
  apologize: 'dossierWork.dialog.reason',
};
const NOTE = new Set<DossierAction>(['approve', 'supplement', 'receive']);

/** Units by name or code, from the public directory, for the transfer. */
function UnitSearch({
  value,
  onChange,
  error,
}: {
  value: Unit | null;
  onChange: (u: Unit | null) => void;
  error?: string;
}) {
  const t = useTranslate();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<Unit[]>([]);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      const filter = encodeURIComponent(JSON.stringify(q.trim() ? { q: q.trim() } : {}));
      apiFetch<Unit[]>(`/public/units?filter=${filter}&range=${encodeURIComponent('[0,19]')}`)
        .then((r) => live && setOptions(r.json))
        .catch(() => live && setOptions([]));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  return (
    <Autocomplete
      options={options}
      value={value}
      filterOptions={(x) => x}
      getOptionLabel={(u) => `${u.name} (${u.code})`}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      onChange={(_e, u) => onChange(u)}
      onInputChange={(_e, v) => setQ(v)}
      renderInput={(p) => (
        <TextField
          {...p}
          label={t('dossierWork.dialog.unit_search')}
          required
          error={!!error}
          helperText={error}
        />
      )}
    />
  );
}

/** One action's dialog: what it needs (reason, assignee, channel, date, unit, result), then the call. */
export function ActionDialog(props: {
  dossier: DossierDetail;
  action: DossierAction;
  onClose: () => void;
  onDone: (d?: DossierDetail) => void;
  /** True when the failure was handled by the caller (a 409). */
  onFailed: (e: unknown) => boolean;
}) {
  const { dossier, action } = props;
  const t = useTranslate();
  const { identity } = useGetIdentity();
  const colleagues = useColleagues().filter((c) => c.roles.some((r) => r !== 'tenant_admin'));
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [assignee, setAssignee] = useState('');
  const [channel, setChannel] = useState<'desk' | 'post' | 'online'>(
    dossier.channel === 'online' ? 'online' : 'desk',
  );
  const [newDue, setNewDue] = useState('');
  const [unit, setUnit] = useState<Unit | null>(null);
  const [part, setPart] = useState('');
  const [mode, setMode] = useState<'upload' | 'text'>('text');
  const [file, setFile] = useState<File | null>(null);
  const [content, setContent] = useState('');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const run = async (): Promise<DossierDetail | undefined> => {
    const id = dossier.id;
    switch (action) {
      case 'refuse':
      case 'request-supplement':
      case 'send-back':
        return act(id, action, { reason });
      case 'approve':
      case 'supplement':
        return act(id, action, note.trim() ? { note } : {});
      case 'receive':
        return act(id, 'receive');
      case 'assign':
        return act(id, 'assign', { assigneeId: assignee });
      case 'return':
        return act(id, 'return', { channel });
      case 'apologize':
        return act(id, 'apologize', { reason, newDueAt: newDue ? `${newDue}T17:00:00+07:00` : '' });
      case 'transfer':
        await apiFetch(`/dossiers/${id}/transfer`, {
          method: 'POST',
          body: JSON.stringify({ toUnitId: unit?.id ?? '', part }),
        });
        return undefined;
      case 'result': {
        const body: Record<string, unknown> = title.trim() ? { title } : {};
        if (mode === 'upload') {
          if (!file)
            throw new HttpError(t('ra.validation.required'), 400, {
              errors: { sha256: t('ra.validation.required') },
            });
          const u = await upload(file);
          Object.assign(body, { sha256: u.sha256, name: u.name });
        } else {
          body.content = content
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean);
        }
        const { json } = await apiFetch<DossierDetail>(`/dossiers/${id}/result`, {
          method: 'POST',
          body: JSON.stringify(body),
        });
        return json;
      }
      default:
        throw new Error(action);
    }
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      props.onDone(await run());
    } catch (e) {
      if (props.onFailed(e)) return;
      setError((e as Error).message);
      if (e instanceof HttpError)
        setFieldErrors(
          ((e.body as { errors?: Record<string, string> })?.errors ?? {}) as Record<string, string>,
        );
    } finally {
      setBusy(false);
    }
  };

  const fe = (k: string) => fieldErrors[k];
  const hint = REASON_HINT[action];
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="sm" data-testid={`dialog-${action}`}>
      <DialogTitle>{t(`dossierWork.action.${action}`)}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {error && <Alert severity="error">{error}</Alert>}
          {action === 'apologize' && (
            <Typography variant="body2">{t('dossierWork.dialog.apology_hint')}</Typography>
          )}
          {hint && (
            <TextField
              label={t(hint)}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              multiline
              minRows={3}
              autoFocus
              error={!!fe('reason')}
              helperText={fe('reason')}
              name="reason"
            />
          )}
          {NOTE.has(action) && action !== 'receive' && (
            <TextField
              label={t('dossierWork.dialog.note')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              multiline
              minRows={2}
              name="note"
            />
          )}
          {action === 'assign' && (
            <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
              <TextField
                select
                label={t('dossierWork.dialog.assignee')}
                value={assignee}
                onChange={(e) => setAssignee(e.target.value)}
                required
                sx={{ flex: 1 }}
                error={!!fe('assigneeId')}
                helperText={fe('assigneeId')}
                name="assigneeId"
              >
                {colleagues.map((c) => (
                  <MenuItem key={c.id} value={c.id}>
                    {c.name} — {c.roles.map((r) => t(`dossierWork.role.${r}`, { _: r })).join(', ')}
                  </MenuItem>
                ))}
              </TextField>
              {identity?.id && (
                <Button onClick={() => setAssignee(String(identity.id))}>
                  {t('dossierWork.dialog.assign_me')}
                </Button>
              )}
            </Stack>
          )}
          {action === 'return' && (
            <TextField
              select
              label={t('dossierWork.dialog.channel')}
              value={channel}
              onChange={(e) => setChannel(e.target.value as typeof channel)}
              name="channel"
            >
              {(['desk', 'post', 'online'] as const).map((c) => (
                <MenuItem key={c} value={c}>
                  {t(`dossierWork.channel.${c}`)}
                </MenuItem>
              ))}
            </TextField>
          )}
          {action === 'apologize' && (
            <TextField
              type="date"
              label={t('dossierWork.dialog.new_due')}
              value={newDue}
              onChange={(e) => setNewDue(e.target.value)}
              required
              slotProps={{ inputLabel: { shrink: true } }}
              error={!!fe('newDueAt')}
              helperText={fe('newDueAt')}
            />
          )}
          {action === 'transfer' && (
            <>
              <UnitSearch value={unit} onChange={setUnit} error={fe('toUnitId')} />
              <TextField
                label={t('dossierWork.dialog.part')}
                value={part}
                onChange={(e) => setPart(e.target.value)}
                required
                multiline
                minRows={2}
                error={!!fe('part')}
                helperText={fe('part')}
              />
            </>
          )}
          {action === 'result' && (
            <>
              <RadioGroup row value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
                <FormControlLabel
                  value="text"
                  control={<Radio />}
                  label={t('dossierWork.dialog.result_text')}
                />
                <FormControlLabel
                  value="upload"
                  control={<Radio />}
                  label={t('dossierWork.dialog.result_upload')}
                />
              </RadioGroup>
              <TextField
                label={t('dossierWork.dialog.result_title')}
                value={title}
                onChange={(e) => setTitle(e.target.value)}
              />
              {mode === 'text' ? (
                <TextField
                  label={t('dossierWork.dialog.result_content')}
                  value={content}
                  onChange={(e) => setContent(e.target.value)}
                  required
                  multiline
                  minRows={5}
                  error={!!fe('content')}
                  helperText={fe('content')}
                />
              ) : (
                <Stack spacing={0.5}>
                  <Button variant="outlined" component="label">
                    {file ? file.name : t('dossierWork.dialog.result_file')}
                    <input
                      hidden
                      type="file"
                      accept="application/pdf"
                      onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                    />
                  </Button>
                  {fe('sha256') && <Alert severity="error">{fe('sha256')}</Alert>}
                </Stack>
              )}
              <Typography variant="caption" color="text.secondary">
                {t('dossierWork.dialog.result_sign')}
              </Typography>
            </>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={busy}>
          {t('dossierWork.dialog.cancel')}
        </Button>
        <Button variant="contained" onClick={() => void submit()} disabled={busy} data-testid="confirm">
          {t('dossierWork.dialog.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
