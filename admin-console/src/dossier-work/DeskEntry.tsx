import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Card,
  CardContent,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { HttpError, Title, useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { apiFetch, chosenTenant } from '../core/api';
import { useAdminPath } from '../core/links';
import { publicProcedure, upload } from './calls';
import { FormFields } from './FormFields';
import type { DossierDetail, PublicProcedure } from './types';

type Option = Pick<PublicProcedure, 'id' | 'name' | 'nationalCode' | 'unit'>;

function ProcedurePicker({
  value,
  onChange,
}: {
  value: Option | null;
  onChange: (p: Option | null) => void;
}) {
  const t = useTranslate();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<Option[]>([]);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      // Own unit's procedures first when nothing is typed; any unit's when searching.
      const filter = q.trim() ? { q: q.trim() } : { unit: chosenTenant() ?? undefined };
      const qs = `filter=${encodeURIComponent(JSON.stringify(filter))}&range=${encodeURIComponent('[0,19]')}`;
      apiFetch<Option[]>(`/public/procedures?${qs}`)
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
      getOptionLabel={(p) => `${p.name} — ${p.unit.name}`}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      onChange={(_e, p) => onChange(p)}
      onInputChange={(_e, v, reason) => reason === 'input' && setQ(v)}
      renderInput={(p) => (
        <TextField
          {...p}
          label={t('dossierWork.entry.procedure')}
          required
          helperText={t('dossierWork.entry.procedure_hint')}
          name="procedure"
        />
      )}
    />
  );
}

/**
 * A dossier handed in at the desk or by post: the applicant, the form typed in, the papers
 * scanned. For another unit's procedure the desk receives it on that unit's behalf (POST
 * /desk-receptions); for its own it enters it (POST /dossiers) and receives it from the dossier.
 */
export function DeskEntry() {
  const t = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const path = useAdminPath();
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const [picked, setPicked] = useState<Option | null>(null);
  const [procedure, setProcedure] = useState<PublicProcedure | null>(null);
  const [channel, setChannel] = useState<'desk' | 'post'>('desk');
  const [applicant, setApplicant] = useState({
    kind: 'citizen',
    fullName: '',
    pid: '',
    taxCode: '',
    phone: '',
    email: '',
  });
  const [data, setData] = useState<Record<string, unknown>>({});
  const [files, setFiles] = useState<Record<string, File>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    setProcedure(null);
    setData({});
    setFiles({});
    if (picked) void publicProcedure(picked.id).then(setProcedure);
  }, [picked]);

  const otherUnit = picked && picked.unit.id !== chosenTenant() ? picked.unit : null;

  const submit = async () => {
    if (!picked) return;
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const attachments = [];
      for (const [attachmentId, file] of Object.entries(files)) {
        const u = await upload(file);
        attachments.push({ attachmentId, name: u.name, sha256: u.sha256 });
      }
      const who = Object.fromEntries(Object.entries(applicant).filter(([, v]) => v !== ''));
      const body = JSON.stringify({ procedureId: picked.id, channel, applicant: who, data, attachments });
      const init = { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } };
      if (otherUnit) {
        const { json } = await apiFetch<{ dossierCode: string }>('/desk-receptions', init);
        notify('dossierWork.entry.received_for_other', {
          type: 'success',
          messageArgs: { code: json.dossierCode },
        });
        navigate(path('/desk-receptions'));
      } else {
        const { json } = await apiFetch<DossierDetail>('/dossiers', init);
        notify('dossierWork.entry.created', { type: 'success' });
        navigate(path(`/dossiers/${json.id}/show`));
      }
    } catch (e) {
      setError((e as Error).message);
      if (e instanceof HttpError)
        setErrors(((e.body as { errors?: Record<string, string> })?.errors ?? {}) as Record<string, string>);
    } finally {
      setBusy(false);
    }
  };

  const a = (k: keyof typeof applicant) => ({
    value: applicant[k],
    onChange: (e: { target: { value: string } }) => setApplicant({ ...applicant, [k]: e.target.value }),
    error: !!errors[`applicant.${k}`],
    helperText: errors[`applicant.${k}`],
    name: `applicant.${k}`,
  });

  return (
    <Box sx={{ p: 2, maxWidth: 900 }}>
      <Title title={t('dossierWork.entry.title')} />
      <Card variant="outlined">
        <CardContent>
          <Stack spacing={2}>
            <Typography variant="h5" component="h1">
              {t('dossierWork.entry.title')}
            </Typography>
            {error && <Alert severity="error">{error}</Alert>}
            <ProcedurePicker value={picked} onChange={setPicked} />
            {otherUnit && (
              <Alert severity="info">{t('dossierWork.entry.other_unit', { unit: otherUnit.name })}</Alert>
            )}
            <TextField
              select
              label={t('dossierWork.entry.channel')}
              value={channel}
              onChange={(e) => setChannel(e.target.value as 'desk' | 'post')}
            >
              <MenuItem value="desk">{t('dossierWork.channel.desk')}</MenuItem>
              <MenuItem value="post">{t('dossierWork.channel.post')}</MenuItem>
            </TextField>
            <Typography variant="h6">{t('dossierWork.entry.applicant')}</Typography>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <TextField select label={t('dossierWork.entry.kind')} {...a('kind')} sx={{ minWidth: 160 }}>
                <MenuItem value="citizen">{t('dossierWork.entry.citizen')}</MenuItem>
                <MenuItem value="organization">{t('dossierWork.entry.organization')}</MenuItem>
              </TextField>
              <TextField label={t('dossierWork.entry.fullName')} required fullWidth {...a('fullName')} />
            </Stack>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              {applicant.kind === 'citizen' ? (
                <TextField label={t('dossierWork.field.pid')} fullWidth {...a('pid')} />
              ) : (
                <TextField label={t('dossierWork.field.taxCode')} fullWidth {...a('taxCode')} />
              )}
              <TextField label={t('dossierWork.field.phone')} fullWidth {...a('phone')} />
              <TextField label={t('dossierWork.field.email')} fullWidth {...a('email')} />
            </Stack>
            {procedure && (
              <>
                <Typography variant="h6">{t('dossierWork.entry.form')}</Typography>
                {procedure.form ? (
                  <FormFields
                    layout={procedure.form.uiLayout}
                    data={data}
                    onChange={setData}
                    errors={errors}
                  />
                ) : (
                  <Alert severity="info">{t('dossierWork.entry.no_form')}</Alert>
                )}
                {(procedure.form?.uiLayout.attachments.length ?? 0) > 0 && (
                  <>
                    <Typography variant="h6">{t('dossierWork.entry.attachments')}</Typography>
                    {procedure.form!.uiLayout.attachments.map((s) => (
                      <Stack key={s.id} direction="row" spacing={2} sx={{ alignItems: 'center' }}>
                        <Typography sx={{ flex: 1 }}>
                          {s.name}
                          {s.required ? ' *' : ''}
                        </Typography>
                        <Button variant="outlined" component="label">
                          {files[s.id]?.name ?? t('dossierWork.entry.choose_file')}
                          <input
                            hidden
                            type="file"
                            accept={s.accept.join(',')}
                            onChange={(e) => {
                              const f = e.target.files?.[0];
                              if (f) setFiles({ ...files, [s.id]: f });
                            }}
                          />
                        </Button>
                      </Stack>
                    ))}
                  </>
                )}
              </>
            )}
            <Box>
              <Button
                variant="contained"
                disabled={!picked || busy}
                onClick={() => void submit()}
                data-testid="desk-submit"
              >
                {t('dossierWork.action.submit')}
              </Button>
            </Box>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
}
