import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Tab,
  Tabs,
  TextField as MuiText,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@mui/material';
import { useEffect, useState } from 'react';
import {
  Datagrid,
  List,
  NumberInput,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useListContext,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  useUnselectAll,
  type RaRecord,
} from 'react-admin';
import { apiFetch, download } from '../core/api';
import { EmptyState } from '../core/EmptyState';
import { DateText, DateTimeText, MoneyText, StatusChip } from '../core/fields';
import { formatDateTime, formatMoney } from '../core/format';
import { currentYear, ExportButtons } from './exports';
import { kindFilter, tenantFilter } from './filters';

export interface Invoice extends RaRecord {
  id: string;
  number: string | null;
  tenantName: string;
  kind: string;
  status: string;
  total: number;
  credited: number;
  dueDate: string | null;
  actions: string[];
}

const STATUSES = ['draft', 'issued', 'paid', 'void'] as const;

/** Approves the selected drafts one by one; each failure is named, the rest still go through. */
function BulkApproveButton() {
  const { selectedIds, data } = useListContext<Invoice>();
  const t = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll('invoices');
  const [busy, setBusy] = useState(false);
  const drafts = selectedIds.filter((id) => data?.find((r) => r.id === id)?.status === 'draft');
  if (drafts.length === 0) return null;
  return (
    <Button
      variant="contained"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        let ok = 0;
        const failures: string[] = [];
        for (const id of drafts) {
          try {
            await apiFetch(`/invoices/${id}/approve`, { method: 'POST' });
            ok++;
          } catch (e) {
            failures.push(
              t('finance.invoices.approve_failed', {
                number: String(id).slice(0, 8),
                message: (e as Error).message,
              }),
            );
          }
        }
        setBusy(false);
        unselectAll();
        refresh();
        if (ok) notify('finance.invoices.approved', { type: 'success', messageArgs: { smart_count: ok } });
        if (failures.length) notify(failures.join('\n'), { type: 'error', multiLine: true });
      }}
    >
      {t('finance.invoices.approve_selected', { smart_count: drafts.length })}
    </Button>
  );
}

/** Exports follow the list's year filter (this year when none). */
function InvoiceListActions() {
  const { filterValues } = useListContext();
  const year = Number(filterValues.year) || currentYear();
  return (
    <TopToolbar>
      <ExportButtons kind="invoices" year={year} />
    </TopToolbar>
  );
}

/** Tabs over the status filter: drafts to review, issued, paid, void. */
function StatusTabs() {
  const { filterValues, setFilters, displayedFilters } = useListContext();
  const t = useTranslate();
  const value = (filterValues.status as string | undefined) ?? 'draft';
  return (
    <Tabs
      value={value}
      onChange={(_, status: string) => setFilters({ ...filterValues, status }, displayedFilters)}
      sx={{ px: 2 }}
    >
      {STATUSES.map((s) => (
        <Tab key={s} value={s} label={t(`finance.status.${s}`)} />
      ))}
    </Tabs>
  );
}

const filters = [
  tenantFilter,
  kindFilter,
  <NumberInput key="y" source="year" label="finance.common.year" alwaysOn />,
];

export function InvoiceList() {
  return (
    <List
      resource="invoices"
      filters={filters}
      filterDefaultValues={{ status: 'draft' }}
      sort={{ field: 'createdAt', order: 'DESC' }}
      actions={<InvoiceListActions />}
      empty={false}
    >
      <StatusTabs />
      <Datagrid
        rowClick="show"
        bulkActionButtons={<BulkApproveButton />}
        isRowSelectable={(r) => r.status === 'draft'}
        empty={<EmptyState title="finance.invoices.empty" hint="finance.invoices.empty_hint" />}
      >
        <TextField source="number" label="finance.invoices.number" emptyText="—" />
        <TextField source="tenantName" label="finance.common.tenant" sortable={false} />
        <StatusChip source="kind" prefix="finance.kind" label="finance.invoices.kind" sortable={false} />
        <DateText source="periodStart" label="finance.invoices.period_start" />
        <DateText source="periodEnd" label="finance.invoices.period_end" sortable={false} />
        <MoneyText source="total" label="finance.invoices.total" />
        <DateText source="dueDate" label="finance.invoices.due" sortable={false} />
        <StatusChip source="status" prefix="finance.status" label="finance.common.status" sortable />
      </Datagrid>
    </List>
  );
}

interface UsageEvent {
  id: string;
  dossierId: string | null;
  occurredAt: string;
  quantity: number;
}

/** The usage events (and dossiers) behind one overage line. */
function LineDossiers(props: {
  invoiceId: string;
  line: { id: string; lineNo: number };
  onClose: () => void;
}) {
  const t = useTranslate();
  const [rows, setRows] = useState<UsageEvent[] | null>(null);
  const [total, setTotal] = useState(0);
  useEffect(() => {
    apiFetch<UsageEvent[]>(`/invoices/${props.invoiceId}/lines/${props.line.id}/usage?range=[0,199]`)
      .then(({ json, headers }) => {
        setRows(json);
        setTotal(Number(headers.get('Content-Range')?.split('/').pop() ?? json.length));
      })
      .catch(() => setRows([]));
  }, [props.invoiceId, props.line.id]);
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="md">
      <DialogTitle>
        {t('finance.invoices.dossiers_title', { line: props.line.lineNo })} ({total})
      </DialogTitle>
      <DialogContent>
        <Table size="small" data-testid="line-dossiers">
          <TableHead>
            <TableRow>
              <TableCell>{t('finance.invoices.dossier_id')}</TableCell>
              <TableCell>{t('finance.invoices.occurred_at')}</TableCell>
              <TableCell align="right">{t('finance.invoices.quantity')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(rows ?? []).map((r) => (
              <TableRow key={r.id}>
                <TableCell>{r.dossierId ?? '—'}</TableCell>
                <TableCell>{formatDateTime(r.occurredAt)}</TableCell>
                <TableCell align="right">{r.quantity}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('ra.action.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

interface Line {
  id: string;
  lineNo: number;
  kind: string;
  descriptionVi: string;
  descriptionEn: string;
  quantity: number;
  unitPrice: number;
  amount: number;
}

function Lines() {
  const record = useRecordContext<Invoice & { lines: Line[] }>();
  const t = useTranslate();
  const [open, setOpen] = useState<Line | null>(null);
  const en = localStorage.getItem('RaStore.locale')?.includes('en');
  // Opened from the list, the page first shows the list's row (no lines) until GET /invoices/:id.
  if (!record?.lines) return null;
  return (
    <Box>
      <Table size="small" aria-label={t('finance.invoices.lines')}>
        <TableHead>
          <TableRow>
            <TableCell>#</TableCell>
            <TableCell>{t('finance.invoices.line_description')}</TableCell>
            <TableCell align="right">{t('finance.invoices.quantity')}</TableCell>
            <TableCell align="right">{t('finance.invoices.unit_price')}</TableCell>
            <TableCell align="right">{t('finance.invoices.amount')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {record.lines.map((l) => (
            <TableRow key={l.id}>
              <TableCell>{l.lineNo}</TableCell>
              <TableCell>{en ? l.descriptionEn : l.descriptionVi}</TableCell>
              <TableCell align="right">{l.quantity.toLocaleString('vi-VN')}</TableCell>
              <TableCell align="right">{formatMoney(l.unitPrice)}</TableCell>
              <TableCell align="right">{formatMoney(l.amount)}</TableCell>
              <TableCell>
                {l.kind === 'overage' && (
                  <Button size="small" onClick={() => setOpen(l)}>
                    {t('finance.invoices.dossiers')}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {open && <LineDossiers invoiceId={record.id} line={open} onClose={() => setOpen(null)} />}
    </Box>
  );
}

type Verb = 'void' | 'pay' | 'credit';

/** Approve, PDF, void, record a payment, credit — as the invoice's `actions` allow. */
function InvoiceActions() {
  const record = useRecordContext<Invoice>();
  const t = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [verb, setVerb] = useState<Verb | null>(null);
  const [text, setText] = useState('');
  const [amount, setAmount] = useState('');
  if (!record) return null;
  const run = async (path: string, body?: unknown) => {
    try {
      await apiFetch(path, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
      notify('finance.invoices.done', { type: 'success' });
      setVerb(null);
      refresh();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  const can = (a: string) => record.actions?.includes(a);
  return (
    <TopToolbar>
      {record.status === 'draft' && (
        <Button variant="contained" onClick={() => run(`/invoices/${record.id}/approve`)}>
          {t('finance.invoices.approve')}
        </Button>
      )}
      {record.number && (
        <Button
          onClick={() =>
            download(`/invoices/${record.id}/pdf`, `${record.number}.pdf`).catch((e: Error) =>
              notify(e.message, { type: 'error' }),
            )
          }
        >
          {t('finance.invoices.pdf')}
        </Button>
      )}
      {(can('pay') || record.status === 'issued') && (
        <Button onClick={() => setVerb('pay')}>{t('finance.invoices.pay')}</Button>
      )}
      {(record.status === 'issued' || record.status === 'paid') && (
        <Button onClick={() => setVerb('credit')}>{t('finance.invoices.credit')}</Button>
      )}
      {(can('void') || record.status === 'draft' || record.status === 'issued') && (
        <Button color="error" onClick={() => setVerb('void')}>
          {t('finance.invoices.void')}
        </Button>
      )}
      <Dialog open={verb !== null} onClose={() => setVerb(null)} fullWidth>
        <DialogTitle>{verb && t(`finance.invoices.${verb}`)}</DialogTitle>
        <DialogContent>
          {verb === 'credit' && (
            <MuiText
              type="number"
              fullWidth
              margin="dense"
              label={t('finance.invoices.amount')}
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
          )}
          <MuiText
            autoFocus
            fullWidth
            margin="dense"
            label={t(verb === 'pay' ? 'finance.invoices.reference' : 'finance.common.reason')}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setVerb(null)}>{t('ra.action.cancel')}</Button>
          <Button
            variant="contained"
            disabled={!text.trim()}
            onClick={() =>
              verb === 'pay'
                ? run(`/invoices/${record.id}/pay`, { reference: text.trim() })
                : verb === 'void'
                  ? run(`/invoices/${record.id}/void`, { reason: text.trim() })
                  : run('/credit-notes', {
                      invoiceId: record.id,
                      amount: Number(amount),
                      reason: text.trim(),
                    })
            }
          >
            {t('finance.common.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </TopToolbar>
  );
}

export function InvoiceShow() {
  return (
    <Show actions={<InvoiceActions />}>
      <SimpleShowLayout>
        <TextField source="number" label="finance.invoices.number" emptyText="—" />
        <TextField source="tenantName" label="finance.common.tenant" />
        <StatusChip source="kind" prefix="finance.kind" label="finance.invoices.kind" />
        <StatusChip source="status" prefix="finance.status" label="finance.common.status" />
        <DateText source="periodStart" label="finance.invoices.period_start" />
        <DateText source="periodEnd" label="finance.invoices.period_end" />
        <MoneyText source="subtotal" label="finance.invoices.subtotal" />
        <MoneyText source="vatAmount" label="finance.invoices.vat" />
        <MoneyText source="total" label="finance.invoices.total" />
        <MoneyText source="credited" label="finance.invoices.credited" />
        <DateTimeText source="issuedAt" label="finance.invoices.issued_at" />
        <DateText source="dueDate" label="finance.invoices.due" />
        <DateTimeText source="paidAt" label="finance.invoices.paid_at" />
        <TextField source="paymentReference" label="finance.invoices.reference" emptyText="—" />
        <Lines />
      </SimpleShowLayout>
    </Show>
  );
}
