/**
 * Importing the unit's catalog (XLSX/CSV): a dry run first shows what would change and every
 * refused row, then the import itself. The server imports all or nothing in one request (no
 * background job), so progress is the upload's own.
 */
import UploadFile from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { apiFetch, currentLocale } from '../../core/api';

interface RowProblem {
  row: number;
  column: string;
  message: string;
  message_en: string;
}
interface ImportReport {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: RowProblem[];
}

const formatOf = (file: File) => (file.name.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx');

export function ProcedureImportButton() {
  const t = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const { json } = await apiFetch<ImportReport>(
        `/procedures/import?format=${formatOf(file)}&dryRun=${dryRun ? 'true' : 'false'}`,
        { method: 'POST', body: file, headers: { 'Content-Type': file.type || 'application/octet-stream' } },
      );
      setReport(json);
      if (!dryRun && json.rejected.length === 0) {
        notify('unitAdmin.procedures.import.done', {
          type: 'success',
          messageArgs: { created: json.created, updated: json.updated },
        });
        refresh();
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    setOpen(false);
    setFile(null);
    setReport(null);
    setError(null);
  };
  const en = currentLocale() === 'en';
  return (
    <>
      <Button size="small" startIcon={<UploadFile />} onClick={() => setOpen(true)}>
        {t('unitAdmin.procedures.import.button')}
      </Button>
      <Dialog open={open} onClose={close} maxWidth="md" fullWidth>
        <DialogTitle>{t('unitAdmin.procedures.import.title')}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {t('unitAdmin.procedures.import.hint')}
          </Typography>
          <Button component="label" variant="outlined">
            {t('unitAdmin.procedures.import.choose')}
            <input
              hidden
              type="file"
              accept=".xlsx,.csv"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setReport(null);
              }}
            />
          </Button>
          {file && (
            <Typography component="span" sx={{ ml: 2 }}>
              {file.name}
            </Typography>
          )}
          <Box sx={{ height: 8, my: 2 }}>{busy && <LinearProgress />}</Box>
          {error && <Alert severity="error">{error}</Alert>}
          {report && (
            <Box data-testid="import-report">
              <Alert severity={report.rejected.length ? 'warning' : 'success'} sx={{ mb: 1 }}>
                {t(report.dryRun ? 'unitAdmin.procedures.import.would' : 'unitAdmin.procedures.import.did', {
                  rows: report.rows,
                  created: report.created,
                  updated: report.updated,
                  unchanged: report.unchanged,
                  rejected: report.rejected.length,
                })}
              </Alert>
              {report.rejected.length > 0 && (
                <Table size="small">
                  <TableHead>
                    <TableRow>
                      <TableCell>{t('unitAdmin.procedures.import.row')}</TableCell>
                      <TableCell>{t('unitAdmin.procedures.import.column')}</TableCell>
                      <TableCell>{t('unitAdmin.procedures.import.problem')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {report.rejected.slice(0, 200).map((r, i) => (
                      <TableRow key={i}>
                        <TableCell>{r.row}</TableCell>
                        <TableCell>{r.column}</TableCell>
                        <TableCell>{en ? r.message_en : r.message}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{t('ra.action.close')}</Button>
          <Button disabled={!file || busy} onClick={() => void send(true)}>
            {t('unitAdmin.procedures.import.check')}
          </Button>
          <Button
            variant="contained"
            disabled={!file || busy || !report?.dryRun || report.rejected.length > 0}
            onClick={() => void send(false)}
          >
            {t('unitAdmin.procedures.import.run')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
