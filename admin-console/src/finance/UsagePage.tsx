import {
  Box,
  Card,
  CardContent,
  Checkbox,
  FormControlLabel,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TableSortLabel,
  TextField,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import { Loading, Title, TopToolbar, useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { EmptyState } from '../core/EmptyState';
import { formatMoney, formatPercent } from '../core/format';
import { currentYear, ExportButtons } from './exports';
import { totalsOf, useFinanceSummary, type FinanceRow, type FinanceTotals } from './summary';

type Column = keyof FinanceRow | 'percent';
const percentOf = (r: Pick<FinanceRow, 'quota' | 'used'>) => (r.quota > 0 ? r.used / r.quota : 0);
const money = new Set<Column>([
  'leaseBilled',
  'overageBilled',
  'adjustmentBilled',
  'paid',
  'outstanding',
  'overdue',
]);
const columns: { key: Column; label: string; numeric?: boolean }[] = [
  { key: 'tenantName', label: 'finance.common.tenant' },
  { key: 'planName', label: 'finance.usage.plan' },
  { key: 'quota', label: 'finance.usage.quota', numeric: true },
  { key: 'used', label: 'finance.usage.used', numeric: true },
  { key: 'percent', label: 'finance.usage.percent', numeric: true },
  { key: 'overage', label: 'finance.usage.overage', numeric: true },
  { key: 'leaseBilled', label: 'finance.usage.lease_billed', numeric: true },
  { key: 'overageBilled', label: 'finance.usage.overage_billed', numeric: true },
  { key: 'adjustmentBilled', label: 'finance.usage.adjustment_billed', numeric: true },
  { key: 'paid', label: 'finance.usage.paid', numeric: true },
  { key: 'outstanding', label: 'finance.usage.outstanding', numeric: true },
  { key: 'overdue', label: 'finance.usage.overdue', numeric: true },
];

/** Figures stay on one line (1.234.567 ₫ never breaks before its ₫). */
const noWrap = { whiteSpace: 'nowrap' } as const;

function cell(r: FinanceRow, c: Column): string {
  if (c === 'percent') return r.quota > 0 ? formatPercent(percentOf(r)) : '—';
  const v = r[c];
  if (money.has(c)) return formatMoney(v as number);
  return typeof v === 'number' ? v.toLocaleString('vi-VN') : String(v);
}

/** The totals row: sums of the rows shown; the text columns stay empty. */
function totalCell(totals: FinanceTotals, c: Column): string {
  if (c === 'percent') return totals.quota > 0 ? formatPercent(percentOf(totals)) : '—';
  if (!(c in totals)) return '';
  const v = totals[c as keyof FinanceTotals];
  return money.has(c) ? formatMoney(v) : v.toLocaleString('vi-VN');
}

/** Usage against quota for every unit: sortable, filterable, with a chart; XLSX/CSV exports. */
export function UsagePage() {
  const t = useTranslate();
  const [year, setYear] = useState(currentYear());
  const [q, setQ] = useState('');
  const [overOnly, setOverOnly] = useState(false);
  const [sort, setSort] = useState<{ key: Column; dir: 'asc' | 'desc' }>({ key: 'percent', dir: 'desc' });
  const { data, error } = useFinanceSummary(year);

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const value = (r: FinanceRow) => (sort.key === 'percent' ? percentOf(r) : r[sort.key]);
    return (data?.rows ?? [])
      .filter((r) => !needle || `${r.tenantName} ${r.tenantCode}`.toLowerCase().includes(needle))
      .filter((r) => !overOnly || r.overage > 0)
      .sort((a, b) => {
        const x = value(a);
        const y = value(b);
        const c =
          typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'vi');
        return sort.dir === 'asc' ? c : -c;
      });
  }, [data, q, overOnly, sort]);
  const totals = useMemo(() => totalsOf(rows), [rows]);
  const chart = [...rows]
    .sort((a, b) => percentOf(b) - percentOf(a))
    .slice(0, 20)
    .map((r) => ({ name: r.tenantCode, used: r.used, quota: r.quota }));

  return (
    <Box>
      <Title title={t('finance.usage.title')} />
      <TopToolbar>
        <ExportButtons kind="usage" year={year} />
        <ExportButtons kind="summary" year={year} />
      </TopToolbar>
      <Card>
        <CardContent>
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
            <TextField
              size="small"
              type="number"
              label={t('finance.common.year')}
              value={year}
              onChange={(e) => setYear(Number(e.target.value))}
              sx={{ width: 110 }}
            />
            <TextField
              size="small"
              label={t('finance.common.search')}
              value={q}
              onChange={(e) => setQ(e.target.value)}
            />
            <FormControlLabel
              control={<Checkbox checked={overOnly} onChange={(e) => setOverOnly(e.target.checked)} />}
              label={t('finance.usage.over_only')}
            />
          </Box>
          {error && <Typography color="error">{error}</Typography>}
          {!data && !error ? (
            <Loading />
          ) : rows.length === 0 ? (
            <EmptyState title="finance.usage.empty" />
          ) : (
            <>
              <Typography variant="subtitle1">{t('finance.usage.chart')}</Typography>
              <Box sx={{ height: 300, mb: 2 }} data-testid="usage-chart">
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart data={chart}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="name" fontSize={11} />
                    <YAxis fontSize={11} />
                    <Tooltip />
                    <Legend />
                    <Bar dataKey="quota" name={t('finance.usage.quota')} fill="#90caf9" />
                    <Bar dataKey="used" name={t('finance.usage.used')} fill="#1565c0" />
                  </BarChart>
                </ResponsiveContainer>
              </Box>
              <Table size="small" data-testid="usage-table">
                <TableHead>
                  <TableRow>
                    {columns.map((c) => (
                      <TableCell key={c.key} align={c.numeric ? 'right' : 'left'}>
                        <TableSortLabel
                          active={sort.key === c.key}
                          direction={sort.key === c.key ? sort.dir : 'asc'}
                          onClick={() =>
                            setSort({
                              key: c.key,
                              dir: sort.key === c.key && sort.dir === 'desc' ? 'asc' : 'desc',
                            })
                          }
                        >
                          {t(c.label)}
                        </TableSortLabel>
                      </TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {rows.map((r) => (
                    <TableRow key={r.contractId} sx={r.overage > 0 ? { bgcolor: '#fff3e0' } : undefined}>
                      {columns.map((c) => (
                        <TableCell
                          key={c.key}
                          align={c.numeric ? 'right' : 'left'}
                          sx={c.numeric ? noWrap : undefined}
                        >
                          {cell(r, c.key)}
                        </TableCell>
                      ))}
                    </TableRow>
                  ))}
                  <TableRow data-testid="usage-totals" sx={{ '& td': { fontWeight: 700, borderTop: 2 } }}>
                    {columns.map((c, i) => (
                      <TableCell
                        key={c.key}
                        align={c.numeric ? 'right' : 'left'}
                        sx={c.numeric ? noWrap : undefined}
                      >
                        {i === 0
                          ? t('finance.usage.totals_of', { smart_count: rows.length })
                          : totalCell(totals, c.key)}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableBody>
              </Table>
            </>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}

export default UsagePage;
