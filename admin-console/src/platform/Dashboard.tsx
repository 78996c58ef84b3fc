import { Box, Card, CardContent, Tooltip, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useGetList, useTranslate } from 'react-admin';
import { apiFetch } from '../core/api';
import { EmptyState } from '../core/EmptyState';
import { useAllRecords } from '../core/useAllRecords';
import { formatPercent, localToday } from '../core/format';

interface UsageRow {
  id: string;
  tenantCode: string;
  tenantName: string;
  used: number;
  quota: number;
  percent: number | null;
}

/** Green under half, yellow under 80 %, orange under the quota, red over it. */
export function heatColour(percent: number | null): string {
  if (percent === null) return '#e0e0e0';
  if (percent >= 100) return '#d32f2f';
  if (percent >= 80) return '#f57c00';
  if (percent >= 50) return '#fbc02d';
  return '#66bb6a';
}

function Figure(props: { label: string; value: number | undefined; testId: string; alert?: boolean }) {
  const t = useTranslate();
  return (
    <Card sx={{ flex: '1 1 200px' }} data-testid={props.testId}>
      <CardContent>
        <Typography color="text.secondary">{t(props.label)}</Typography>
        <Typography variant="h4" color={props.alert && props.value ? 'error' : 'text.primary'}>
          {props.value === undefined ? '…' : props.value.toLocaleString('vi-VN')}
        </Typography>
      </CardContent>
    </Card>
  );
}

/** The operator's first screen: units active, dossiers today, jobs waiting/failed, usage heat map. */
export function PlatformDashboard() {
  const t = useTranslate();
  const one = { pagination: { page: 1, perPage: 1 } };
  const active = useGetList('tenants', { ...one, filter: { status: 'active' } });
  const queued = useGetList('jobs', { ...one, filter: { status: 'queued' } });
  const failed = useGetList('jobs', { ...one, filter: { status: 'failed' } });
  const today = localToday();
  const usage = useAllRecords<UsageRow>('usage', { activeOn: today });
  const [dossiersToday, setDossiersToday] = useState<number | undefined>();
  useEffect(() => {
    apiFetch<{ units: { parentId: string | null; own: { received: number } }[] }>(
      `/monitoring?from=${today}&to=${today}`,
    )
      .then(({ json }) => setDossiersToday(json.units.reduce((n, u) => n + (u.own.received ?? 0), 0)))
      .catch(() => setDossiersToday(0));
  }, [today]);

  const rows = [...(usage.data ?? [])].sort((a, b) => (b.percent ?? -1) - (a.percent ?? -1));
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={t('platform.dashboard.title')} />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 2 }}>
        <Figure label="platform.dashboard.tenants_active" value={active.total} testId="tenants-active" />
        <Figure label="platform.dashboard.dossiers_today" value={dossiersToday} testId="dossiers-today" />
        <Figure label="platform.dashboard.jobs_queued" value={queued.total} testId="jobs-queued" />
        <Figure label="platform.dashboard.jobs_failed" value={failed.total} testId="jobs-failed" alert />
      </Box>
      <Card>
        <CardContent>
          <Typography variant="h6">{t('platform.dashboard.heat_map')}</Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('platform.dashboard.heat_legend')}
          </Typography>
          {usage.isPending ? null : rows.length === 0 ? (
            <EmptyState title="platform.dashboard.no_contracts" />
          ) : (
            <Box
              data-testid="heat-map"
              sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(120px, 1fr))', gap: 0.5 }}
            >
              {rows.map((r) => (
                <Tooltip
                  key={r.id}
                  title={`${r.tenantName} — ${r.used.toLocaleString('vi-VN')}/${r.quota.toLocaleString('vi-VN')}`}
                >
                  <Box
                    sx={{
                      bgcolor: heatColour(r.percent),
                      color: '#000',
                      p: 0.75,
                      borderRadius: 1,
                      fontSize: 12,
                      overflow: 'hidden',
                      whiteSpace: 'nowrap',
                      textOverflow: 'ellipsis',
                    }}
                  >
                    <b>{r.tenantCode}</b>
                    <br />
                    {r.percent === null ? '—' : formatPercent(r.percent / 100, 0)}
                  </Box>
                </Tooltip>
              ))}
            </Box>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}

export default PlatformDashboard;
