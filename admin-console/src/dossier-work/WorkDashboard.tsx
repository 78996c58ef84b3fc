import { Box, Card, CardActionArea, CardContent, Grid, Typography } from '@mui/material';
import { useMemo } from 'react';
import { Title, useGetList, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { useAdminPath } from '../core/links';
import { queueFilter, queuesFor, type Queue } from './queues';

function QueueCard({ queue, now }: { queue: Queue; now: string }) {
  const t = useTranslate();
  const path = useAdminPath();
  const filter = queueFilter(queue);
  const all = useGetList('dossiers', { filter, pagination: { page: 1, perPage: 1 } });
  const late = useGetList(
    'dossiers',
    { filter: { ...filter, dueBefore: now }, pagination: { page: 1, perPage: 1 } },
    { enabled: queue.dueDates },
  );
  return (
    <Card variant="outlined" sx={{ height: '100%' }}>
      <CardActionArea
        component={Link}
        to={path(`/work/${queue.key}`)}
        sx={{ height: '100%' }}
        data-testid={`card-${queue.key}`}
      >
        <CardContent>
          <Typography variant="subtitle1">{t(`dossierWork.menu.${queue.key}`)}</Typography>
          <Typography variant="h3" component="p">
            {all.total ?? '…'}
          </Typography>
          {queue.dueDates && (late.total ?? 0) > 0 && (
            <Typography color="error" variant="body2">
              {late.total} {t('dossierWork.dashboard.late')}
            </Typography>
          )}
          <Typography variant="caption" color="text.secondary">
            {t(`dossierWork.queue_hint.${queue.key}`)}
          </Typography>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}

/** The first screen of desk officers, processing officers and leaders: their queues, counted. */
export function WorkDashboard({ roles }: { roles: readonly string[] }) {
  const t = useTranslate();
  const now = useMemo(() => new Date().toISOString(), []);
  const queues = queuesFor(roles).filter((q) => q.key !== 'all');
  return (
    <Box sx={{ p: 2 }}>
      <Title title={t('dossierWork.dashboard.title')} />
      <Typography variant="h5" component="h1" gutterBottom>
        {t('dossierWork.dashboard.title')}
      </Typography>
      <Grid container spacing={2}>
        {queues.map((q) => (
          <Grid key={q.key} size={{ xs: 12, sm: 6, md: 4 }}>
            <QueueCard queue={q} now={now} />
          </Grid>
        ))}
      </Grid>
    </Box>
  );
}
