/**
 * The unit's invoices (issued, paid, void: what its policy shows) with their lines, the PDF, and
 * paying an issued one online: the payment opens the gateway (VNPay; the simulator in
 * development) in a new tab, and this page follows the invoice until the API says it is paid.
 */
import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import {
  Datagrid,
  FunctionField,
  List,
  SelectInput,
  TextField,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { apiFetch, currentLocale, download } from '../../core/api';
import { EmptyState } from '../../core/EmptyState';
import { formatDate, formatDateTime, formatMoney } from '../../core/format';
// The invoice kind filter finance's lists use: one filter, one set of kinds.
import { kindFilter } from '../../finance/filters';

interface Line {
  lineNo: number;
  descriptionVi: string;
  descriptionEn: string;
  quantity: number;
  unitPrice: number;
  amount: number;
}

const STATUS_COLOR = {
  issued: 'warning',
  paid: 'success',
  void: 'default',
  draft: 'default',
  approved: 'info',
} as const;

export function InvoiceStatus(props: { status: string }) {
  const t = useTranslate();
  return (
    <Chip
      size="small"
      color={STATUS_COLOR[props.status as keyof typeof STATUS_COLOR] ?? 'default'}
      label={t(`unitAdmin.invoices.status.${props.status}`)}
    />
  );
}

/** Opens the gateway for the invoice and polls the invoice until it is paid (or 10 minutes pass). */
function PayButton(props: { invoice: RaRecord; onSettled: () => void }) {
  const t = useTranslate();
  const notify = useNotify();
  const [waiting, setWaiting] = useState(false);
  const settled = useRef(props.onSettled);
  settled.current = props.onSettled;
  const id = props.invoice.id;
  useEffect(() => {
    if (!waiting) return;
    let stop = false;
    const started = Date.now();
    const poll = async () => {
      while (!stop && Date.now() - started < 600_000) {
        await new Promise((r) => setTimeout(r, 2000));
        if (stop) return;
        const { json } = await apiFetch<{ status: string }>(`/invoices/${id}`).catch(() => ({
          json: { status: '' },
        }));
        if (json.status === 'paid') {
          notify('unitAdmin.invoices.paid_now', { type: 'success' });
          setWaiting(false);
          settled.current();
          return;
        }
      }
    };
    void poll();
    return () => {
      stop = true;
    };
  }, [waiting, id, notify]);

  const pay = async () => {
    // Opened before the request, so the browser counts it as the click's own window.
    const tab = window.open('', '_blank');
    try {
      const { json } = await apiFetch<{ redirectUrl: string }>(`/invoices/${props.invoice.id}/payments`, {
        method: 'POST',
      });
      if (tab) tab.location.href = json.redirectUrl;
      else window.location.assign(json.redirectUrl);
      setWaiting(true);
    } catch (e) {
      tab?.close();
      notify((e as Error).message, { type: 'error' });
    }
  };
  if (waiting)
    return (
      <Stack sx={{ alignItems: 'center' }} direction="row" spacing={1} data-testid="payment-waiting">
        <CircularProgress size={18} />
        <Typography variant="body2">{t('unitAdmin.invoices.waiting')}</Typography>
        <Button size="small" onClick={() => setWaiting(false)}>
          {t('ra.action.cancel')}
        </Button>
      </Stack>
    );
  return (
    <Button variant="contained" onClick={() => void pay()}>
      {t('unitAdmin.invoices.pay', {
        amount: formatMoney((props.invoice.total as number) - ((props.invoice.credited as number) ?? 0)),
      })}
    </Button>
  );
}

function InvoiceDetail() {
  const record = useRecordContext<RaRecord>();
  const t = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [lines, setLines] = useState<Line[] | null>(null);
  const [status, setStatus] = useState<RaRecord | null>(null);
  useEffect(() => {
    if (!record) return;
    apiFetch<RaRecord & { lines: Line[] }>(`/invoices/${record.id}`)
      .then(({ json }) => {
        setLines(json.lines);
        setStatus(json);
      })
      .catch((e: Error) => notify(e.message, { type: 'error' }));
  }, [record, notify]);
  if (!record) return null;
  const inv = status ?? record;
  const en = currentLocale() === 'en';
  return (
    <Box sx={{ p: 1 }}>
      {lines && (
        <Table size="small" sx={{ mb: 1 }}>
          <TableHead>
            <TableRow>
              <TableCell>{t('unitAdmin.invoices.line')}</TableCell>
              <TableCell align="right">{t('unitAdmin.invoices.quantity')}</TableCell>
              <TableCell align="right">{t('unitAdmin.invoices.unit_price')}</TableCell>
              <TableCell align="right">{t('unitAdmin.invoices.amount')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {lines.map((l) => (
              <TableRow key={l.lineNo}>
                <TableCell>{en ? l.descriptionEn : l.descriptionVi}</TableCell>
                <TableCell align="right">{l.quantity.toLocaleString('vi-VN')}</TableCell>
                <TableCell align="right">{formatMoney(l.unitPrice)}</TableCell>
                <TableCell align="right">{formatMoney(l.amount)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Stack sx={{ alignItems: 'center' }} direction="row" spacing={2}>
        <Typography variant="body2">
          {t('unitAdmin.invoices.vat')}: {formatMoney(inv.vatAmount as number)} ·{' '}
          {t('unitAdmin.invoices.total')}: <b>{formatMoney(inv.total as number)}</b>
        </Typography>
        {inv.number && (
          <Button
            size="small"
            onClick={() =>
              download(`/invoices/${inv.id}/pdf`, `${inv.number as string}.pdf`).catch((e: Error) =>
                notify(e.message, { type: 'error' }),
              )
            }
          >
            PDF
          </Button>
        )}
        {inv.status === 'issued' && <PayButton invoice={inv} onSettled={refresh} />}
        {inv.status === 'paid' && (
          <Alert severity="success" sx={{ py: 0 }} data-testid="invoice-paid">
            {t('unitAdmin.invoices.paid_on', {
              at: formatDateTime(inv.paidAt as string),
              reference: (inv.paymentReference as string) ?? '',
            })}
          </Alert>
        )}
      </Stack>
    </Box>
  );
}

export function UnitInvoices() {
  const t = useTranslate();
  const filters = [
    <SelectInput
      key="status"
      source="status"
      label="unitAdmin.invoices.fields.status"
      alwaysOn
      choices={['issued', 'paid', 'void'].map((s) => ({ id: s, name: `unitAdmin.invoices.status.${s}` }))}
    />,
    kindFilter,
  ];
  return (
    <List
      resource="invoices"
      title="unitAdmin.invoices.title"
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      disableSyncWithLocation
      exporter={false}
      actions={false}
      empty={<EmptyState title="unitAdmin.invoices.none" />}
    >
      <Datagrid
        bulkActionButtons={false}
        expand={<InvoiceDetail />}
        rowClick="expand"
        empty={<EmptyState title="unitAdmin.invoices.none_matching" />}
      >
        <TextField source="number" label="unitAdmin.invoices.fields.number" />
        <FunctionField
          source="kind"
          label="unitAdmin.invoices.fields.kind"
          render={(r: RaRecord) => t(`unitAdmin.invoices.kind.${r.kind as string}`)}
        />
        <FunctionField
          source="periodStart"
          label="unitAdmin.invoices.fields.period"
          render={(r: RaRecord) =>
            `${formatDate(r.periodStart as string)} – ${formatDate(r.periodEnd as string)}`
          }
        />
        <FunctionField
          source="total"
          label="unitAdmin.invoices.fields.total"
          render={(r: RaRecord) => formatMoney(r.total as number)}
        />
        <FunctionField
          source="dueDate"
          label="unitAdmin.invoices.fields.dueDate"
          sortable={false}
          render={(r: RaRecord) => formatDate(r.dueDate as string)}
        />
        <FunctionField
          source="status"
          label="unitAdmin.invoices.fields.status"
          render={(r: RaRecord) => <InvoiceStatus status={r.status as string} />}
        />
      </Datagrid>
    </List>
  );
}
