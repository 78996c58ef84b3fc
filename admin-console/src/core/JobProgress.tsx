import { Alert, Box, LinearProgress, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useTranslate } from 'react-admin';
import { apiFetch } from './api';

/** What any long job reports: how far it is, out of how much, and whether it is over. */
export interface Progress {
  done: number;
  total: number;
  status: 'queued' | 'running' | 'completed' | 'failed';
  /** Optional extra line (e.g. "12 created, 3 skipped"). */
  detail?: string;
}

/**
 * Reads the usual shapes: a run ({status, done, total}: invoice runs) or a batch
 * ({status, percent}: digitization). A section with another shape passes its own `read`.
 */
export function readProgress(json: unknown): Progress {
  const j = (json ?? {}) as Record<string, unknown>;
  const status = String(j.status ?? 'queued');
  const finished = ['completed', 'done', 'succeeded'].includes(status)
    ? 'completed'
    : ['failed', 'error'].includes(status)
      ? 'failed'
      : status === 'queued' || status === 'pending'
        ? 'queued'
        : 'running';
  if (typeof j.total === 'number' && typeof j.done === 'number')
    return { done: j.done, total: j.total, status: finished };
  const percent = typeof j.percent === 'number' ? j.percent : 0;
  return { done: percent, total: 100, status: finished };
}

/**
 * A progress bar fed by a job's progress: polls `source` (an API path) until the job completes or
 * fails, then calls onFinished once. Reusable by every section (invoice runs, imports, digitization).
 */
export function JobProgress(props: {
  source: string;
  read?: (json: unknown) => Progress;
  intervalMs?: number;
  onFinished?: (p: Progress, json: unknown) => void;
}) {
  const t = useTranslate();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const finished = useRef(props.onFinished);
  finished.current = props.onFinished;
  const read = props.read ?? readProgress;

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const { json } = await apiFetch(props.source);
        if (stopped) return;
        const p = read(json);
        setProgress(p);
        if (p.status === 'completed' || p.status === 'failed') finished.current?.(p, json);
        else timer = setTimeout(poll, props.intervalMs ?? 1000);
      } catch (e) {
        if (!stopped) setError((e as Error).message);
      }
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
    // read is a pure mapping; the source decides what is polled.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.source, props.intervalMs]);

  if (error) return <Alert severity="error">{error}</Alert>;
  const pct = progress && progress.total > 0 ? Math.round((progress.done * 100) / progress.total) : 0;
  const status = progress?.status ?? 'queued';
  return (
    <Box sx={{ my: 2 }} data-testid="job-progress" data-status={status}>
      <LinearProgress
        variant={status === 'queued' && !progress?.done ? 'indeterminate' : 'determinate'}
        value={status === 'completed' ? 100 : pct}
        color={status === 'failed' ? 'error' : status === 'completed' ? 'success' : 'primary'}
        sx={{ height: 10, borderRadius: 5 }}
        aria-label={t('shell.job.progress')}
      />
      <Typography variant="body2" sx={{ mt: 0.5 }}>
        {t(`shell.job.${status}`)}
        {progress && progress.total > 0 && ` — ${progress.done}/${progress.total} (${pct} %)`}
        {progress?.detail && ` — ${progress.detail}`}
      </Typography>
    </Box>
  );
}
