import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Grid,
  Stack,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import {
  Datagrid,
  FunctionField,
  List,
  Loading,
  SearchInput,
  SelectInput,
  TextField,
  Title,
  useGetOne,
  useNotify,
  useTranslate,
} from 'react-admin';
import { useParams } from 'react-router-dom';
import { apiFetch } from '../core/api';
import { EmptyState } from '../core/EmptyState';
import { formatDateTime } from '../core/format';
import { FormDataPanel } from './FormDataPanel';
import type { StoredAttachment } from './types';

interface Transfer {
  id: string;
  ownerUnitId: string;
  dossierId: string;
  dossierCode: string;
  procedureName: string;
  requestedPart: string;
  status: 'open' | 'returned';
  note: string | null;
  createdAt: string;
  returnedAt: string | null;
  snapshot: {
    ownerUnit: { code: string; name: string };
    applicant: { fullName: string };
    data: Record<string, unknown>;
    attachments: StoredAttachment[];
    dueAt: string | null;
  } | null;
}

const StatusChip = ({ status }: { status: Transfer['status'] }) => {
  const t = useTranslate();
  return (
    <Chip
      size="small"
      color={status === 'open' ? 'warning' : 'default'}
      label={t(`dossierWork.status.${status === 'open' ? 'open' : 'returned'}`)}
    />
  );
};

/** Dossiers other units transferred to this one for a part of the work (the helping unit's view). */
export function TransferList() {
  const t = useTranslate();
  return (
    <List
      resource="dossier-transfers"
      title={t('dossierWork.menu.transfers')}
      sort={{ field: 'createdAt', order: 'DESC' }}
      filters={[
        <SearchInput key="q" source="q" alwaysOn />,
        <SelectInput
          key="s"
          source="status"
          alwaysOn
          label="dossierWork.field.status"
          choices={[
            { id: 'open', name: 'dossierWork.status.open' },
            { id: 'returned', name: 'dossierWork.status.returned' },
          ]}
        />,
      ]}
      empty={<EmptyState title="dossierWork.empty.transfers" />}
    >
      <Datagrid bulkActionButtons={false} rowClick="show">
        <TextField source="dossierCode" label="dossierWork.field.code" />
        <TextField source="procedureName" label="dossierWork.field.procedure" sortable={false} />
        <TextField source="requestedPart" label="dossierWork.field.requestedPart" sortable={false} />
        <FunctionField
          source="createdAt"
          label="dossierWork.field.createdAt"
          render={(r: Transfer) => formatDateTime(r.createdAt)}
        />
        <FunctionField
          source="status"
          label="dossierWork.field.status"
          sortable={false}
          render={(r: Transfer) => <StatusChip status={r.status} />}
        />
      </Datagrid>
    </List>
  );
}

/** One transfer: the owner's copy of the data while open, and sending the part back with a note. */
export function TransferPage() {
  const { id } = useParams();
  const t = useTranslate();
  const notify = useNotify();
  const { data, isPending, error, refetch } = useGetOne<Transfer>('dossier-transfers', { id: id! });
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (isPending) return <Loading />;
  if (error || !data) return <Alert severity="error">{(error as Error | null)?.message}</Alert>;
  const sendBack = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await apiFetch(`/dossier-transfers/${data.id}/return`, {
        method: 'POST',
        body: JSON.stringify({ note }),
      });
      notify('dossierWork.dialog.done', {
        type: 'success',
        messageArgs: { action: t('dossierWork.action.transfer-return') },
      });
      void refetch();
    } catch (e) {
      setFailure((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const s = data.snapshot;
  return (
    <Box sx={{ p: 2 }}>
      <Title title={t('dossierWork.transfer.title', { code: data.dossierCode })} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Card variant="outlined">
            <CardContent>
              <Stack spacing={1}>
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                  <Typography variant="h5" component="h1">
                    {data.dossierCode}
                  </Typography>
                  <StatusChip status={data.status} />
                </Stack>
                <Typography>{data.procedureName}</Typography>
                {s && (
                  <Typography variant="body2">
                    {t('dossierWork.field.ownerUnit')}: {s.ownerUnit.name} ({s.ownerUnit.code}) ·{' '}
                    {t('dossierWork.field.applicant')}: {s.applicant.fullName}
                  </Typography>
                )}
                <Typography variant="subtitle2">{t('dossierWork.field.requestedPart')}</Typography>
                <Typography sx={{ whiteSpace: 'pre-wrap' }}>{data.requestedPart}</Typography>
                {data.note && (
                  <>
                    <Typography variant="subtitle2">{t('dossierWork.field.note')}</Typography>
                    <Typography sx={{ whiteSpace: 'pre-wrap' }}>{data.note}</Typography>
                  </>
                )}
              </Stack>
            </CardContent>
          </Card>
          <Card variant="outlined" sx={{ mt: 2 }}>
            <CardContent>
              <Typography variant="h6">{t('dossierWork.transfer.snapshot')}</Typography>
              {s ? (
                <FormDataPanel procedureId="" data={s.data} />
              ) : (
                <Alert severity="info">{t('dossierWork.transfer.cleared')}</Alert>
              )}
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          {data.status === 'open' && (
            <Card variant="outlined">
              <CardContent>
                <Stack spacing={2}>
                  {failure && <Alert severity="error">{failure}</Alert>}
                  <MuiTextField
                    label={t('dossierWork.transfer.return_note')}
                    value={note}
                    onChange={(e) => setNote(e.target.value)}
                    multiline
                    minRows={3}
                    required
                  />
                  <Button variant="contained" disabled={busy || !note.trim()} onClick={() => void sendBack()}>
                    {t('dossierWork.action.transfer-return')}
                  </Button>
                </Stack>
              </CardContent>
            </Card>
          )}
        </Grid>
      </Grid>
    </Box>
  );
}
