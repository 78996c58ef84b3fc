/**
 * The unit's staff and their roles. Ticking a role grants it at once; unticking revokes it (the
 * server keeps at least one admin and says so). A person is added by their account at the
 * province's identity provider, with at least one role.
 */
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormGroup,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Loading, Title, useNotify, useTranslate, type HttpError } from 'react-admin';
import { apiFetch } from '../../core/api';

export const UNIT_ROLES = ['tenant_admin', 'desk_officer', 'processing_officer', 'leader'] as const;
type Role = (typeof UNIT_ROLES)[number];

interface Member {
  id: string;
  name: string;
  email: string | null;
  login: string;
  status: string;
  roles: Role[];
}

function AddStaffDialog(props: { open: boolean; onClose: () => void; onAdded: () => void }) {
  const t = useTranslate();
  const notify = useNotify();
  const [login, setLogin] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<Role[]>(['desk_officer']);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async () => {
    setErrors({});
    try {
      await apiFetch('/unit-staff', {
        method: 'POST',
        body: JSON.stringify({ login: login.trim(), name: name.trim(), email: email.trim() || null, roles }),
      });
      notify('unitAdmin.staff.added', { type: 'success' });
      setLogin('');
      setName('');
      setEmail('');
      props.onAdded();
    } catch (e) {
      const err = e as HttpError;
      setErrors(((err.body as { errors?: Record<string, string> })?.errors ?? {}) as Record<string, string>);
      notify(err.message, { type: 'error' });
    }
  };
  const field = (key: string, label: string, value: string, set: (v: string) => void) => (
    <TextField
      size="small"
      fullWidth
      margin="dense"
      label={t(label)}
      value={value}
      onChange={(e) => set(e.target.value)}
      error={!!errors[key]}
      helperText={errors[key]}
    />
  );
  return (
    <Dialog open={props.open} onClose={props.onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{t('unitAdmin.staff.add')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary">
          {t('unitAdmin.staff.add_hint')}
        </Typography>
        {field('login', 'unitAdmin.staff.login', login, setLogin)}
        {field('name', 'unitAdmin.staff.name', name, setName)}
        {field('email', 'unitAdmin.staff.email', email, setEmail)}
        <FormGroup row>
          {UNIT_ROLES.map((r) => (
            <FormControlLabel
              key={r}
              label={t(`unitAdmin.roles.${r}`)}
              control={
                <Checkbox
                  checked={roles.includes(r)}
                  onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))}
                />
              }
            />
          ))}
        </FormGroup>
        {errors.roles && <Alert severity="error">{errors.roles}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('ra.action.cancel')}</Button>
        <Button variant="contained" onClick={() => void submit()} disabled={!login.trim() || !name.trim()}>
          {t('ra.action.add')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function UnitStaff() {
  const t = useTranslate();
  const notify = useNotify();
  const [rows, setRows] = useState<Member[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [pending, setPending] = useState<string | null>(null);

  const load = useCallback(
    () =>
      apiFetch<Member[]>('/unit-staff')
        .then(({ json }) => setRows(json))
        .catch((e: Error) => notify(e.message, { type: 'error' })),
    [notify],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const toggle = async (m: Member, role: Role, on: boolean) => {
    setPending(m.id);
    const roles = on ? [...m.roles, role] : m.roles.filter((r) => r !== role);
    try {
      await apiFetch(`/unit-staff/${m.id}/roles`, { method: 'PUT', body: JSON.stringify({ roles }) });
      notify(roles.length ? 'unitAdmin.staff.roles_saved' : 'unitAdmin.staff.left', { type: 'success' });
      await load();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setPending(null);
    }
  };

  if (!rows) return <Loading />;
  return (
    <Box sx={{ pt: 1 }}>
      <Title title="unitAdmin.staff.title" />
      <Stack direction="row" sx={{ mb: 1, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="body2" color="text.secondary">
          {t('unitAdmin.staff.hint')}
        </Typography>
        <Button variant="contained" onClick={() => setAdding(true)}>
          {t('unitAdmin.staff.add')}
        </Button>
      </Stack>
      <Paper>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t('unitAdmin.staff.name')}</TableCell>
              <TableCell>{t('unitAdmin.staff.login')}</TableCell>
              {UNIT_ROLES.map((r) => (
                <TableCell key={r} align="center" sx={{ minWidth: 120 }}>
                  {t(`unitAdmin.roles.${r}`)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((m) => (
              <TableRow key={m.id} data-testid={`staff-${m.login}`}>
                <TableCell>
                  {m.name}
                  {m.status !== 'active' && ` (${t('unitAdmin.staff.disabled')})`}
                  {m.email && (
                    <Typography variant="caption" color="text.secondary" component="div">
                      {m.email}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{m.login}</TableCell>
                {UNIT_ROLES.map((r) => (
                  <TableCell key={r} align="center" padding="checkbox">
                    <Checkbox
                      checked={m.roles.includes(r)}
                      disabled={pending === m.id}
                      onChange={(e) => void toggle(m, r, e.target.checked)}
                      slotProps={{ input: { 'aria-label': `${t(`unitAdmin.roles.${r}`)}: ${m.name}` } }}
                    />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      <AddStaffDialog
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={() => {
          setAdding(false);
          void load();
        }}
      />
    </Box>
  );
}
