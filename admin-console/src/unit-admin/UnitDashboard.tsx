import { Box, Button, Paper, Stack, Typography } from '@mui/material';
import { Title, useGetList, useTranslate } from 'react-admin';
import { Link } from 'react-router';
import { CurrentYear, type UsageRow } from './billing/UnitUsage';
import { useAdminPath } from './paths';

/** The unit admin's first screen: this year's usage and forecast, and the way to each task. */
export function UnitDashboard() {
  const t = useTranslate();
  const path = useAdminPath();
  const usage = useGetList<UsageRow>('usage', {
    pagination: { page: 1, perPage: 1 },
    sort: { field: 'startDate', order: 'DESC' },
  });
  const procedures = useGetList('procedures', {
    pagination: { page: 1, perPage: 1 },
    sort: { field: 'nationalCode', order: 'ASC' },
  });
  const forms = useGetList('forms', {
    pagination: { page: 1, perPage: 1 },
    sort: { field: 'updatedAt', order: 'DESC' },
  });
  const invoices = useGetList('invoices', {
    pagination: { page: 1, perPage: 1 },
    sort: { field: 'createdAt', order: 'DESC' },
    filter: { status: 'issued' },
  });
  const tile = (label: string, total: number | undefined, to: string) => (
    <Paper sx={{ p: 2, flex: 1, minWidth: 180 }}>
      <Typography variant="body2" color="text.secondary">
        {t(label)}
      </Typography>
      <Typography variant="h4">{total ?? '…'}</Typography>
      <Button component={Link} to={path(to)} size="small">
        {t('unitAdmin.dashboard.open')}
      </Button>
    </Paper>
  );
  return (
    <Box sx={{ pt: 1, maxWidth: 1100 }}>
      <Title title="unitAdmin.dashboard.title" />
      <Stack direction="row" spacing={2} sx={{ mb: 2, flexWrap: 'wrap' }} useFlexGap>
        {tile('unitAdmin.menu.procedures', procedures.total, '/procedures')}
        {tile('unitAdmin.menu.forms', forms.total, '/forms')}
        {tile('unitAdmin.dashboard.unpaid', invoices.total, '/unit-admin/invoices')}
      </Stack>
      {usage.data?.[0] ? (
        <CurrentYear row={usage.data[0]} />
      ) : (
        !usage.isPending && (
          <Paper sx={{ p: 3 }}>
            <Typography color="text.secondary">{t('unitAdmin.usage.no_contract')}</Typography>
          </Paper>
        )
      )}
    </Box>
  );
}
