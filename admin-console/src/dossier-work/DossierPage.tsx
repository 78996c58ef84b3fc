import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Alert, Box, Button, Card, CardContent, Chip, Grid, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Loading, Title, useGetOne, useNotify, useTranslate } from 'react-admin';
import { useNavigate, useParams } from 'react-router-dom';
import { download } from '../core/api';
import { formatDateTime, formatMoney } from '../core/format';
import { ActionBar } from './ActionBar';
import { AttachmentsPanel } from './AttachmentsPanel';
import { DueChip, StatusChip, useActorName } from './bits';
import { FormDataPanel, useProcedure } from './FormDataPanel';
import { SlipButtons } from './Slips';
import { useSteps } from './StepField';
import { Timeline } from './Timeline';
import type { DossierDetail } from './types';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <Box sx={{ minWidth: 160 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Box sx={{ typography: 'body2' }}>{children}</Box>
    </Box>
  );
}

function Panel({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card variant="outlined" sx={{ height: '100%' }} data-testid={testId}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

function Header({ d }: { d: DossierDetail }) {
  const t = useTranslate();
  const procedure = useProcedure(d.procedureId);
  const steps = useSteps(d.step ? d.procedureId : undefined);
  const name = useActorName();
  const step = d.step ? steps[d.step - 1] : undefined;
  const paused = d.status === 'awaiting_supplement';
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" data-testid="dossier-code">
          {d.code ?? `(${t('dossierWork.detail.no_code')})`}
        </Typography>
        <StatusChip status={d.status} />
        {d.timeliness && (
          <Chip
            size="small"
            color={d.timeliness === 'late' ? 'error' : 'success'}
            label={t(`dossierWork.timeliness.${d.timeliness}`)}
          />
        )}
      </Stack>
      <Typography variant="subtitle1">{procedure?.name ?? ''}</Typography>
      {paused && <Alert severity="info">{t('dossierWork.detail.paused')}</Alert>}
      <Stack direction="row" sx={{ flexWrap: 'wrap', columnGap: 3, rowGap: 1 }}>
        <Fact label={t('dossierWork.field.applicant')}>{d.applicant.fullName}</Fact>
        <Fact label={t('dossierWork.field.pid')}>{d.applicant.pid}</Fact>
        <Fact label={t('dossierWork.field.taxCode')}>{d.applicant.taxCode}</Fact>
        <Fact label={t('dossierWork.field.phone')}>{d.applicant.phone}</Fact>
        <Fact label={t('dossierWork.field.email')}>{d.applicant.email}</Fact>
        <Fact label={t('dossierWork.field.channel')}>{t(`dossierWork.channel.${d.channel}`)}</Fact>
        <Fact label={t('dossierWork.field.submittedAt')}>{formatDateTime(d.submittedAt)}</Fact>
        <Fact label={t('dossierWork.field.receivedAt')}>{formatDateTime(d.receivedAt)}</Fact>
        <Fact label={t('dossierWork.field.dueAt')}>
          {d.dueAt ? <DueChip dueAt={d.dueAt} status={d.status} /> : null}
        </Fact>
        <Fact label={t('dossierWork.field.returnedAt')}>{formatDateTime(d.returnedAt)}</Fact>
        <Fact label={t('dossierWork.field.step')}>
          {step
            ? t('dossierWork.detail.step_of', { seq: d.step, count: steps.length, name: step.name })
            : null}
        </Fact>
        <Fact label={t('dossierWork.field.assignee')}>
          {d.assigneeId ? name('staff', d.assigneeId) : null}
        </Fact>
        <Fact label={t('dossierWork.field.fee')}>
          {d.fee.total > 0 ? `${formatMoney(d.fee.total)} (${d.fee.status})` : null}
        </Fact>
      </Stack>
    </Stack>
  );
}

function ResultPanel({ d }: { d: DossierDetail }) {
  const t = useTranslate();
  const notify = useNotify();
  if (!d.result) return null;
  const fail = (e: Error) => notify(e.message, { type: 'error' });
  return (
    <Box data-testid="result">
      <Typography variant="subtitle2">{t('dossierWork.detail.result')}</Typography>
      <Typography variant="body2">
        {d.result.name} · {formatDateTime(d.resultAt)}
      </Typography>
      <Stack direction="row" spacing={1}>
        <Button
          size="small"
          onClick={() => void download(`/dossiers/${d.id}/result`, d.result!.name).catch(fail)}
        >
          {t('dossierWork.detail.download_result')}
        </Button>
        <Button
          size="small"
          onClick={() => void download(`/dossiers/${d.id}/result.p7s`, `${d.result!.name}.p7s`).catch(fail)}
        >
          {t('dossierWork.detail.download_signature')}
        </Button>
      </Stack>
    </Box>
  );
}

/** One dossier: who and what, the actions allowed now, the form beside its papers, the timeline. */
export function DossierPage() {
  const { id } = useParams();
  const t = useTranslate();
  const navigate = useNavigate();
  const { data, error, isPending, refetch } = useGetOne<DossierDetail>(
    'dossiers',
    { id: id! },
    { enabled: !!id },
  );
  // The list's summary row may stand in for the record until the full detail arrives.
  if (isPending || (data && !('timeline' in data) && !error)) return <Loading />;
  if (error || !data)
    return (
      <Alert severity="error" sx={{ m: 2 }}>
        {(error as Error | null)?.message ?? 'Not found'}
      </Alert>
    );
  const d = data;
  return (
    <Box sx={{ p: { xs: 1, md: 2 } }} data-testid="dossier-page" data-status={d.status}>
      <Title title={t('dossierWork.detail.title', { code: d.code ?? t('dossierWork.detail.no_code') })} />
      <Button startIcon={<ArrowBackIcon />} onClick={() => navigate(-1)} sx={{ mb: 1 }}>
        {t('dossierWork.detail.back')}
      </Button>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 8 }}>
          <Card variant="outlined">
            <CardContent>
              <Header d={d} />
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }}>
          <Panel title={t('dossierWork.detail.actions')}>
            <Stack spacing={2}>
              <ActionBar dossier={d} onChanged={() => void refetch()} />
              <SlipButtons dossier={d} />
              <ResultPanel d={d} />
            </Stack>
          </Panel>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Panel title={t('dossierWork.detail.form')}>
            <FormDataPanel procedureId={d.procedureId} data={d.data} />
          </Panel>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Panel title={t('dossierWork.detail.attachments')}>
            <AttachmentsPanel dossierId={d.id} attachments={d.attachments} />
          </Panel>
        </Grid>
        <Grid size={12}>
          <Panel title={t('dossierWork.detail.timeline')}>
            <Timeline entries={d.timeline} />
          </Panel>
        </Grid>
      </Grid>
    </Box>
  );
}
