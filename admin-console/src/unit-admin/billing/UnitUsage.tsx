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
import { Loading, Title, useGetList, useTranslate } from 'react-admin';
import { formatDate, formatPercent, localToday } from '../../core/format';

export interface UsageRow {
  id: string;
  planName: string;
  startDate: string;
  lastDay: string;
  status: string;
  used: number;
  quota: number;
  remaining: number;
  overQuota: number;
  percent: number | null;
  forecast: number;
  elapsedDays: number;
  totalDays: number;
}

const n = (v: number) => v.toLocaleString('vi-VN');

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

export function UnitUsage() {
  const t = useTranslate();
  const { data, isPending, error } = useGetList<UsageRow>('usage', {
    pagination: { page: 1, perPage: 20 },
    sort: { field: 'startDate', order: 'DESC' },
  });
  if (isPending) return <Loading />;
  if (error) return <Alert severity="error">{(error as Error).message}</Alert>;
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
                  <TableCell align="right">
                    {r.percent === null ? '' : `${String(r.percent).replace('.', ',')} %`}
                  </TableCell>
                  <TableCell align="right">{n(r.forecast)}</TableCell>
                  <TableCell align="right">{r.overQuota ? n(r.overQuota) : ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
    </Box>
  );
}
