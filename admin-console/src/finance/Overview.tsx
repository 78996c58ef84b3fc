import { Box, Button, Card, CardContent, Typography } from '@mui/material';
import { Title, useGetList, useTranslate } from 'react-admin';
import { Link } from 'react-router';
import { formatMoney } from '../core/format';
import { useAdminPath } from '../core/links';
import { currentYear } from './exports';
import { useFinanceSummary } from './summary';

function Figure(props: { label: string; value: string; to?: string; testId?: string }) {
  const t = useTranslate();
  const path = useAdminPath();
  return (
    <Card sx={{ flex: '1 1 220px' }} data-testid={props.testId}>
      <CardContent>
        <Typography color="text.secondary">{t(props.label)}</Typography>
        <Typography variant="h5">{props.value}</Typography>
        {props.to && (
          <Button size="small" component={Link} to={path(props.to)} sx={{ mt: 1, px: 0 }}>
            {t('ra.action.show')}
          </Button>
        )}
      </CardContent>
    </Card>
  );
}

/** Finance's first screen: drafts waiting, the year's billed/collected/outstanding, units over quota. */
export function FinanceOverview() {
  const t = useTranslate();
  const drafts = useGetList('invoices', { pagination: { page: 1, perPage: 1 }, filter: { status: 'draft' } });
  const { data } = useFinanceSummary(currentYear());
  const tot = data?.totals;
  const over = data?.rows.filter((r) => r.overage > 0).length;
  const dash = '…';
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={t('finance.overview.title')} />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <Figure
          label="finance.overview.drafts"
          value={drafts.total?.toLocaleString('vi-VN') ?? dash}
          to="/invoices"
          testId="drafts"
        />
        <Figure
          label="finance.overview.billed"
          value={tot ? formatMoney(tot.leaseBilled + tot.overageBilled + tot.adjustmentBilled) : dash}
        />
        <Figure
          label="finance.overview.adjustment_billed"
          value={tot ? formatMoney(tot.adjustmentBilled) : dash}
          testId="adjustment-billed"
        />
        <Figure label="finance.overview.paid" value={tot ? formatMoney(tot.paid) : dash} />
        <Figure label="finance.overview.outstanding" value={tot ? formatMoney(tot.outstanding) : dash} />
        <Figure
          label="finance.overview.overdue"
          value={tot ? formatMoney(tot.overdue) : dash}
          to="/invoices-overdue"
        />
        <Figure
          label="finance.overview.units_over"
          value={over?.toLocaleString('vi-VN') ?? dash}
          to="/usage-quota"
        />
      </Box>
    </Box>
  );
}

export default FinanceOverview;
