import ExpandLess from '@mui/icons-material/ExpandLess';
import ExpandMore from '@mui/icons-material/ExpandMore';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Collapse,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  List,
  ListItemButton,
  ListItemText,
  TextField,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import {
  Datagrid,
  Labeled,
  Loading,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField as RaTextField,
  Title,
  TopToolbar,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  useUpdate,
} from 'react-admin';
import { Link } from 'react-router';
import { EmptyState } from '../core/EmptyState';
import { useAdminPath } from '../core/links';
import { useAllRecords } from '../core/useAllRecords';
import { DateText, MoneyText, StatusChip } from '../core/fields';

export interface TenantRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  status: string;
}

/** Roots first (the province), children under their parent, each level by code. */
export function buildTree(rows: TenantRow[]): { roots: TenantRow[]; children: Map<string, TenantRow[]> } {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string, TenantRow[]>();
  const roots: TenantRow[] = [];
  for (const r of [...rows].sort((a, b) => a.code.localeCompare(b.code))) {
    if (r.parentId && ids.has(r.parentId)) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
    else roots.push(r);
  }
  return { roots, children };
}

function TenantNode(props: { tenant: TenantRow; kids: Map<string, TenantRow[]>; depth: number }) {
  const t = useTranslate();
  const kids = props.kids.get(props.tenant.id) ?? [];
  const [open, setOpen] = useState(props.depth === 0);
  const tn = props.tenant;
  const path = useAdminPath();
  return (
    <>
      <ListItemButton
        component={Link}
        to={path(`/tenants/${tn.id}/show`)}
        sx={{ pl: 2 + props.depth * 3 }}
        data-testid="tenant-node"
      >
        <ListItemText
          primary={tn.name}
          secondary={`${tn.code} · ${t(`platform.kind.${tn.kind}`)}${kids.length ? ` · ${t('platform.tenants.units', { smart_count: kids.length })}` : ''}`}
        />
        {tn.status !== 'active' && (
          <Chip
            size="small"
            color={tn.status === 'suspended' ? 'warning' : 'error'}
            label={t(`platform.status.${tn.status}`)}
            sx={{ mr: 1 }}
          />
        )}
        {kids.length > 0 && (
          <IconButton
            size="small"
            aria-label={open ? 'collapse' : 'expand'}
            onClick={(e) => {
              e.preventDefault();
              e.stopPropagation();
              setOpen(!open);
            }}
          >
            {open ? <ExpandLess /> : <ExpandMore />}
          </IconButton>
        )}
      </ListItemButton>
      {kids.length > 0 && (
        <Collapse in={open} unmountOnExit>
          {kids.map((k) => (
            <TenantNode key={k.id} tenant={k} kids={props.kids} depth={props.depth + 1} />
          ))}
        </Collapse>
      )}
    </>
  );
}

/** The province → departments, communes, as a tree; a search shows the matching units flat. */
export function TenantTree() {
  const t = useTranslate();
  const path = useAdminPath();
  const [q, setQ] = useState('');
  const { data, isPending } = useAllRecords<TenantRow>('tenants', q ? { q } : {}, 'code');
  const tree = useMemo(() => buildTree(data ?? []), [data]);
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={t('platform.tenants.title')} />
      <CardContent>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', mb: 1 }}>
          <TextField
            size="small"
            label={t('platform.common.search')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <Box sx={{ flex: 1 }} />
          <Button variant="contained" component={Link} to={path('/onboarding')}>
            {t('platform.menu.onboarding')}
          </Button>
        </Box>
        {isPending ? (
          <Loading />
        ) : (data ?? []).length === 0 ? (
          <EmptyState
            title="platform.tenants.empty"
            hint="platform.tenants.empty_hint"
            action={
              <Button variant="contained" component={Link} to={path('/onboarding')}>
                {t('platform.menu.onboarding')}
              </Button>
            }
          />
        ) : (
          <List dense aria-label={t('platform.tenants.title')}>
            {tree.roots.map((r) => (
              <TenantNode key={r.id} tenant={r} kids={tree.children} depth={0} />
            ))}
          </List>
        )}
      </CardContent>
    </Card>
  );
}

/** Suspend, terminate or reactivate, with the reason kept on the unit. */
function StatusActions() {
  const record = useRecordContext<TenantRow>();
  const t = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [update, { isPending }] = useUpdate();
  const [target, setTarget] = useState<'suspended' | 'terminated' | null>(null);
  const [reason, setReason] = useState('');
  if (!record || record.status === 'terminated') return null;
  const apply = (status: string, statusReason: string | null) =>
    update(
      'tenants',
      { id: record.id, data: { status, statusReason }, previousData: { ...record, statusReason: undefined } },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          notify('platform.tenants.done', { type: 'success' });
          setTarget(null);
          refresh();
        },
        onError: (e) => notify((e as Error).message, { type: 'error' }),
      },
    );
  return (
    <TopToolbar>
      {record.status === 'active' ? (
        <Button color="warning" onClick={() => setTarget('suspended')}>
          {t('platform.tenants.suspend')}
        </Button>
      ) : (
        <Button onClick={() => apply('active', null)}>{t('platform.tenants.reactivate')}</Button>
      )}
      <Button color="error" onClick={() => setTarget('terminated')}>
        {t('platform.tenants.terminate')}
      </Button>
      <Dialog open={target !== null} onClose={() => setTarget(null)} fullWidth>
        <DialogTitle>
          {t(
            target === 'terminated' ? 'platform.tenants.terminate_title' : 'platform.tenants.suspend_title',
            {
              name: record.name,
            },
          )}
        </DialogTitle>
        <DialogContent>
          {target === 'terminated' && (
            <Alert severity="error" sx={{ mb: 2 }}>
              {t('platform.tenants.terminate_warning')}
            </Alert>
          )}
          <TextField
            autoFocus
            fullWidth
            multiline
            label={t('platform.common.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setTarget(null)}>{t('ra.action.cancel')}</Button>
          <Button
            variant="contained"
            color={target === 'terminated' ? 'error' : 'warning'}
            disabled={isPending || !reason.trim()}
            onClick={() => target && apply(target, reason.trim())}
          >
            {t('platform.common.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </TopToolbar>
  );
}

export function TenantShow() {
  const t = useTranslate();
  return (
    <Show actions={<StatusActions />}>
      <SimpleShowLayout>
        <RaTextField source="code" label="platform.common.code" />
        <RaTextField source="name" label="platform.common.name" />
        <StatusChip source="kind" prefix="platform.kind" label="platform.common.kind" />
        <StatusChip source="status" prefix="platform.status" label="platform.common.status" />
        <RaTextField source="statusReason" label="platform.common.reason" emptyText="—" />
        <DateText source="createdAt" label="platform.common.created_at" />
        <Labeled label="platform.tenants.contracts" fullWidth>
          <ReferenceManyField
            reference="contracts"
            target="tenantId"
            sort={{ field: 'startDate', order: 'DESC' }}
          >
            <Datagrid bulkActionButtons={false} rowClick="show" empty={<Typography>—</Typography>}>
              <RaTextField source="planName" label="platform.contracts.plan" />
              <DateText source="startDate" label="platform.contracts.start" />
              <DateText source="lastDay" label="platform.contracts.last_day" />
              <RaTextField source="quota" label="platform.contracts.quota" />
              <MoneyText source="leaseFee" label="platform.contracts.lease_fee" />
              <StatusChip source="status" prefix="platform.status" label={t('platform.common.status')} />
            </Datagrid>
          </ReferenceManyField>
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
