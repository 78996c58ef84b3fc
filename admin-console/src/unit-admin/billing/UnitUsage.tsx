/**
 * The unit's usage of its contracted quota (định mức) this contract year, with the forecast for
 * the year's end at the current pace (computed by the server), and the earlier years.
 */
import {
  Alert,
  Box,
  Chip,
  LinearProgress,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Loading, Title, useTranslate } from 'react-admin';
import { formatDate, formatPercent, localToday } from '../../core/format';
import { useAllRecords } from '../../core/useAllRecords';
import { usageTotals, type UsageRow } from './usage-totals';

export type { UsageRow } from './usage-totals';

const n = (v: number) => v.toLocaleString('vi-VN');
const percentText = (p: number | null) => (p === null ? '' : `${String(p).replace('.', ',')} %`);

function Bar(props: { value: number; of: number; color: 'primary' | 'warning' | 'error'; label: string }) {
  const pct = props.of > 0 ? Math.min(100, (props.value * 100) / props.of) : 0;
  return (
    <Box sx={{ mb: 1.5 }}>
      <Stack sx={{ justifyContent: 'space-between' }} direction="row">
        <Typography variant="body2">{props.label}</Typography>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {n(props.value)} / {n(props.of)} ({formatPercent(props.of > 0 ? props.value / props.of : null)})
        </Typography>
      </Stack>
      <LinearProgress
        variant="determinate"
        value={pct}
        color={props.color}
        sx={{ height: 12, borderRadius: 6 }}
        aria-label={props.label}
      />
    </Box>
  );
}

export function CurrentYear(props: { row: UsageRow }) {
  const t = useTranslate();
  const r = props.row;
  const over = r.forecast > r.quota;
  return (
    <Paper sx={{ p: 2, mb: 2 }} data-testid="usage-current">
      <Stack direction="row" spacing={1} sx={{ mb: 1, alignItems: 'center' }}>
        <Typography variant="h6">{t('unitAdmin.usage.current')}</Typography>
        <Chip size="small" label={r.planName} />
        <Typography variant="body2" color="text.secondary">
          {formatDate(r.startDate)} – {formatDate(r.lastDay)} ·{' '}
          {t('unitAdmin.usage.days', { elapsed: r.elapsedDays, total: r.totalDays })}
        </Typography>
      </Stack>
      <Bar
        label={t('unitAdmin.usage.used')}
        value={r.used}
        of={r.quota}
        color={r.used > r.quota ? 'error' : r.used * 10 > r.quota * 8 ? 'warning' : 'primary'}
      />
      <Bar
        label={t('unitAdmin.usage.forecast')}
        value={r.forecast}
        of={r.quota}
        color={over ? 'error' : 'primary'}
      />
      {over ? (
        <Alert severity="warning">
          {t('unitAdmin.usage.forecast_over', { over: n(r.forecast - r.quota) })}
        </Alert>
      ) : (
        <Alert severity="success">
          {t('unitAdmin.usage.forecast_within', { remaining: n(r.remaining) })}
        </Alert>
      )}
      {r.overQuota > 0 && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {t('unitAdmin.usage.over_now', { over: n(r.overQuota) })}
        </Alert>
      )}
    </Paper>
  );
}

function Totals(props: { rows: readonly UsageRow[] }) {
  const t = useTranslate();
  const s = usageTotals(props.rows);
  return (
    <TableRow data-testid="usage-totals" sx={{ '& td': { fontWeight: 700, borderTop: 2 } }}>
      <TableCell colSpan={2}>{t('unitAdmin.usage.totals', { smart_count: props.rows.length })}</TableCell>
      <TableCell align="right">{n(s.used)}</TableCell>
      <TableCell align="right">{n(s.quota)}</TableCell>
      <TableCell align="right">{percentText(s.percent)}</TableCell>
      <TableCell align="right">{n(s.forecast)}</TableCell>
      <TableCell align="right">{s.overQuota ? n(s.overQuota) : ''}</TableCell>
    </TableRow>
  );
}

export function UnitUsage() {
  const t = useTranslate();
  // Every contract year of the unit (all pages), so the totals row sums the whole list.
  const { data: ascending, isPending, error } = useAllRecords<UsageRow>('usage', {}, 'startDate');
  if (isPending) return <Loading />;
  if (error) return <Alert severity="error">{error.message}</Alert>;
  const data = ascending ? [...ascending].reverse() : undefined;
  // Contract years are calendar dates in Vietnam.
  const today = localToday();
  const current = data?.find((r) => r.startDate <= today && today <= r.lastDay) ?? data?.[0];
  return (
    <Box sx={{ pt: 1, maxWidth: 1000 }}>
      <Title title="unitAdmin.usage.title" />
      {!current ? (
        <Paper sx={{ p: 4, textAlign: 'center' }}>
          <Typography color="text.secondary">{t('unitAdmin.usage.no_contract')}</Typography>
        </Paper>
      ) : (
        <CurrentYear row={current} />
      )}
      {data && data.length > 0 && (
        <Paper sx={{ p: 2 }}>
          <Typography variant="subtitle1" gutterBottom>
            {t('unitAdmin.usage.years')}
          </Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t('unitAdmin.usage.period')}</TableCell>
                <TableCell>{t('unitAdmin.usage.plan')}</TableCell>
                <TableCell align="right">{t('unitAdmin.usage.used')}</TableCell>
                <TableCell align="right">{t('unitAdmin.usage.quota')}</TableCell>
                <TableCell align="right">%</TableCell>
                <TableCell align="right">{t('unitAdmin.usage.forecast')}</TableCell>
                <TableCell align="right">{t('unitAdmin.usage.over')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>
                    {formatDate(r.startDate)} – {formatDate(r.lastDay)}
                  </TableCell>
                  <TableCell>{r.planName}</TableCell>
                  <TableCell align="right">{n(r.used)}</TableCell>
                  <TableCell align="right">{n(r.quota)}</TableCell>
                  <TableCell align="right">{percentText(r.percent)}</TableCell>
                  <TableCell align="right">{n(r.forecast)}</TableCell>
                  <TableCell align="right">{r.overQuota ? n(r.overQuota) : ''}</TableCell>
                </TableRow>
              ))}
              <Totals rows={data} />
            </TableBody>
          </Table>
        </Paper>
      )}
    </Box>
  );
}
