import {
  Alert,
  Button,
  Card,
  CardContent,
  Checkbox,
  FormControlLabel,
  MenuItem,
  Box,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { apiFetch } from '../core/api';
import { JobProgress, readProgress, type Progress } from '../core/JobProgress';
import { useAdminPath } from '../core/links';
import { Link } from 'react-router';

interface Run {
  id: string;
  status: string;
  done: number;
  total: number;
  created: number;
  skipped: number;
  errors: { tenantCode: string | null; message: string }[];
}

const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(
  new Date(),
);

/** Starts an invoice run for every unit and follows it with the progress bar until it is done. */
export function BillingRuns() {
  const t = useTranslate();
  const notify = useNotify();
  const path = useAdminPath();
  const [kind, setKind] = useState<'lease' | 'overage'>('lease');
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [dryRun, setDryRun] = useState(false);
  const [runId, setRunId] = useState<string | null>(null);
  const [result, setResult] = useState<Run | null>(null);

  const start = async () => {
    setResult(null);
    try {
      const { json } = await apiFetch<Run>('/billing-runs', {
        method: 'POST',
        body: JSON.stringify({ kind, periodFrom: from, periodTo: to, dryRun }),
      });
      if (json.status === 'completed') setResult(json);
      else setRunId(json.id);
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  const read = (json: unknown): Progress => {
    const r = json as Run;
    return {
      ...readProgress(json),
      detail: t('finance.runs.result', { created: r.created, skipped: r.skipped }),
    };
  };

  return (
    <Card sx={{ mt: 2, maxWidth: 800 }}>
      <Title title={t('finance.runs.title')} />
      <CardContent>
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center' }}>
          <TextField
            select
            size="small"
            label={t('finance.runs.kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value as 'lease')}
          >
            <MenuItem value="lease">{t('finance.kind.lease')}</MenuItem>
            <MenuItem value="overage">{t('finance.kind.overage')}</MenuItem>
          </TextField>
          <TextField
            size="small"
            type="date"
            label={t('finance.runs.from')}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            size="small"
            type="date"
            label={t('finance.runs.to')}
            value={to}
            onChange={(e) => setTo(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <FormControlLabel
            control={<Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />}
            label={t('finance.runs.dry_run')}
          />
          <Button variant="contained" onClick={start}>
            {t('finance.runs.start')}
          </Button>
        </Box>
        {runId && (
          <JobProgress
            source={`/billing-runs/${runId}`}
            read={read}
            onFinished={(_, json) => setResult(json as Run)}
          />
        )}
        {result && (
          <Alert
            severity={result.status === 'failed' ? 'error' : 'success'}
            sx={{ mt: 2 }}
            data-testid="run-result"
          >
            {t('finance.runs.result', { created: result.created, skipped: result.skipped })}
            {result.errors.map((e, i) => (
              <div key={i}>
                {e.tenantCode}: {e.message}
              </div>
            ))}
            {result.created > 0 && (
              <Button component={Link} to={path('/invoices')} sx={{ ml: 2 }}>
                {t('finance.runs.review')}
              </Button>
            )}
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}

export default BillingRuns;
