import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Grid,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Loading, Title, useNotify, useTranslate } from 'react-admin';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { apiFetch, download } from '../../core/api';
import { EmptyState } from '../../core/EmptyState';
import { formatPercent } from '../../core/format';
import { localToday } from '../../core/format';
import { monthsOf, type MonitoringReport } from './figures';

const COLORS = {
  received: '#1976d2',
  resolved: '#2e7d32',
  onTime: '#66bb6a',
  late: '#d32f2f',
  approved: '#7b1fa2',
};
const SATISFACTION_COLORS = ['#2e7d32', '#81c784', '#e57373'];

function ChartCard({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card variant="outlined" sx={{ height: '100%' }} data-testid={testId}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {title}
        </Typography>
        <Box sx={{ width: '100%', height: 300 }}>{children}</Box>
      </CardContent>
    </Card>
  );
}

const query = (from: string, to: string, format = 'json') =>
  `/monitoring?from=${from}&to=${to}&format=${format}`;

/**
 * The leader's monitoring of their unit (seed 003): received, resolved and on time per month, per
 * unit and per officer, satisfaction, and the 766 index groups, from the rollups (GET /monitoring).
 * Its own chunk: recharts loads only here.
 */
export default function MonitoringPage() {
  const t = useTranslate();
  const notify = useNotify();
  const today = localToday();
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [report, setReport] = useState<MonitoringReport | null>(null);
  const [months, setMonths] = useState<
    { label: string; received: number; resolved: number; onTime: number; late: number }[]
  >([]);
  const [error, setError] = useState<string | null>(null);
  const from = `${year}-01-01`;
  const to = year === thisYear ? today : `${year}-12-31`;

  useEffect(() => {
    let live = true;
    setReport(null);
    setError(null);
    const periods = monthsOf(year, today);
    Promise.all([
      apiFetch<MonitoringReport>(query(from, to)),
      ...periods.map((m) => apiFetch<MonitoringReport>(query(m.from, m.to))),
    ])
      .then(([whole, ...perMonth]) => {
        if (!live) return;
        setReport(whole!.json);
        setMonths(
          perMonth.map((r, i) => {
            const f = r.json.units[0]?.withChildren;
            return {
              label: periods[i]!.label,
              received: f?.received ?? 0,
              resolved: f?.resolved ?? 0,
              onTime: (f?.early ?? 0) + (f?.on_time ?? 0),
              late: f?.late ?? 0,
            };
          }),
        );
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [year, from, to, today]);

  const unit = report?.units[0]?.withChildren;
  const satisfaction = useMemo(
    () =>
      unit
        ? [
            { name: t('dossierWork.monitoring.very_satisfied'), value: unit.very_satisfied },
            { name: t('dossierWork.monitoring.satisfied'), value: unit.satisfied },
            { name: t('dossierWork.monitoring.unsatisfied'), value: unit.unsatisfied },
          ]
        : [],
    [unit, t],
  );
  const quality = unit
    ? (['transparency', 'progress', 'digitization', 'online', 'satisfaction'] as const).map((k) => ({
        name: t(`dossierWork.monitoring.${k}`),
        value: unit.qualityIndex[k] === null ? 0 : Math.round(unit.qualityIndex[k]! * 1000) / 10,
      }))
    : [];
  /** A person by name; a key or the system by its kind and a short id (`<kind>:<id>`). */
  const officerLabel = (officer: string, name: string | null) => {
    if (name) return name;
    const [kind = '', id = ''] = officer.split(':');
    return `${t(`dossierWork.actor.${kind}`, { _: kind })} ${id.slice(0, 8)}`.trim();
  };
  const exportAs = (format: 'csv' | 'xlsx') =>
    void download(query(from, to, format), `giam-sat-${from}-${to}.${format}`).catch((e: Error) =>
      notify(e.message, { type: 'error' }),
    );

  return (
    <Box sx={{ p: 2 }} data-testid="monitoring">
      <Title title={t('dossierWork.monitoring.title')} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          {t('dossierWork.monitoring.title')}
        </Typography>
        <TextField
          select
          size="small"
          sx={{ width: 120 }}
          label={t('dossierWork.monitoring.year')}
          value={year}
          onChange={(e) => setYear(Number(e.target.value))}
        >
          {[0, 1, 2, 3, 4].map((d) => (
            <MenuItem key={d} value={thisYear - d}>
              {thisYear - d}
            </MenuItem>
          ))}
        </TextField>
        <Button variant="outlined" onClick={() => exportAs('csv')}>
          {t('dossierWork.monitoring.export_csv')}
        </Button>
        <Button variant="outlined" onClick={() => exportAs('xlsx')}>
          {t('dossierWork.monitoring.export_xlsx')}
        </Button>
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
      {!report && !error && <Loading />}
      {report && unit && (
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 3, mb: 2 }} data-testid="monitoring-figures">
          {(
            [
              ['received', unit.received],
              ['resolved', unit.resolved],
              ['on_time_share', formatPercent(unit.onTimeShare)],
              ['online_share', formatPercent(unit.onlineShare)],
              ['digitized_share', formatPercent(unit.digitizedShare)],
              ['satisfaction', formatPercent(unit.satisfactionShare)],
              ['desk_productivity', unit.deskProductivityPerYear ?? '—'],
            ] as const
          ).map(([k, v]) => (
            <Box key={k}>
              <Typography variant="caption" color="text.secondary">
                {t(`dossierWork.monitoring.${k}`)}
              </Typography>
              <Typography variant="h5">{v === '' ? '—' : v}</Typography>
            </Box>
          ))}
        </Stack>
      )}
      {report && unit && unit.received === 0 && unit.resolved === 0 && unit.rated === 0 && (
        <EmptyState title="dossierWork.empty.monitoring" />
      )}
      {report && (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, lg: 8 }}>
            <ChartCard title={t('dossierWork.monitoring.by_month')} testId="chart-month">
              <ResponsiveContainer>
                <LineChart data={months}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="label" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Legend />
                  <Line
                    dataKey="received"
                    name={t('dossierWork.monitoring.received')}
                    stroke={COLORS.received}
                  />
                  <Line
                    dataKey="resolved"
                    name={t('dossierWork.monitoring.resolved')}
                    stroke={COLORS.resolved}
                  />
                  <Line dataKey="onTime" name={t('dossierWork.monitoring.on_time')} stroke={COLORS.onTime} />
                  <Line dataKey="late" name={t('dossierWork.monitoring.late')} stroke={COLORS.late} />
                </LineChart>
              </ResponsiveContainer>
            </ChartCard>
          </Grid>
          <Grid size={{ xs: 12, lg: 4 }}>
            <ChartCard title={t('dossierWork.monitoring.satisfaction')} testId="chart-satisfaction">
              {unit && unit.rated === 0 ? (
                <EmptyState title="dossierWork.empty.ratings" />
              ) : (
                <ResponsiveContainer>
                  <PieChart>
                    <Pie data={satisfaction} dataKey="value" nameKey="name" outerRadius={100} label>
                      {satisfaction.map((_s, i) => (
                        <Cell key={i} fill={SATISFACTION_COLORS[i]} />
                      ))}
                    </Pie>
                    <Tooltip />
                    <Legend />
                  </PieChart>
                </ResponsiveContainer>
              )}
            </ChartCard>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <ChartCard title={t('dossierWork.monitoring.by_unit')} testId="chart-unit">
              <ResponsiveContainer>
                <BarChart
                  data={report.units.map((u) => ({
                    name: u.code,
                    received: u.withChildren.received,
                    resolved: u.withChildren.resolved,
                    onTime: u.withChildren.early + u.withChildren.on_time,
                    late: u.withChildren.late,
                  }))}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="name" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Legend />
                  <Bar
                    dataKey="received"
                    name={t('dossierWork.monitoring.received')}
                    fill={COLORS.received}
                  />
                  <Bar
                    dataKey="resolved"
                    name={t('dossierWork.monitoring.resolved')}
                    fill={COLORS.resolved}
                  />
                  <Bar dataKey="onTime" name={t('dossierWork.monitoring.on_time')} fill={COLORS.onTime} />
                  <Bar dataKey="late" name={t('dossierWork.monitoring.late')} fill={COLORS.late} />
                </BarChart>
              </ResponsiveContainer>
            </ChartCard>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <ChartCard title={t('dossierWork.monitoring.by_officer')} testId="chart-officer">
              <ResponsiveContainer>
                <BarChart
                  layout="vertical"
                  data={report.officers.map((o) => ({
                    name: officerLabel(o.officer, o.name),
                    received: o.received,
                    approved: o.approved,
                    resolved: o.resolved,
                  }))}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis type="number" allowDecimals={false} />
                  <YAxis type="category" dataKey="name" width={160} />
                  <Tooltip />
                  <Legend />
                  <Bar
                    dataKey="received"
                    name={t('dossierWork.monitoring.received')}
                    fill={COLORS.received}
                  />
                  <Bar
                    dataKey="approved"
                    name={t('dossierWork.monitoring.approved')}
                    fill={COLORS.approved}
                  />
                  <Bar
                    dataKey="resolved"
                    name={t('dossierWork.monitoring.resolved')}
                    fill={COLORS.resolved}
                  />
                </BarChart>
              </ResponsiveContainer>
            </ChartCard>
          </Grid>
          <Grid size={12}>
            <ChartCard title={t('dossierWork.monitoring.quality')} testId="chart-quality">
              <ResponsiveContainer>
                <BarChart data={quality}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="name" />
                  <YAxis domain={[0, 100]} unit=" %" />
                  <Tooltip formatter={(v) => `${String(v).replace('.', ',')} %`} />
                  <Bar dataKey="value" fill={COLORS.received} />
                </BarChart>
              </ResponsiveContainer>
            </ChartCard>
            <Typography variant="caption" color="text.secondary">
              {t('dossierWork.monitoring.proxy_note')}
            </Typography>
          </Grid>
        </Grid>
      )}
    </Box>
  );
}
