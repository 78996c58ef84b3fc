import { MenuItem, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { chooseTenant, chosenTenant, type Membership } from './api';
import { loadMe } from './authProvider';

/**
 * The unit the console acts for (X-Tenant-Id), for staff who belong to several. Switching
 * reloads the console at its first screen, so no screen keeps another unit's data.
 */
export function UnitPicker() {
  const t = useTranslate();
  const [memberships, setMemberships] = useState<Membership[]>([]);
  useEffect(() => {
    void loadMe().then((me) => setMemberships(me?.memberships ?? []));
  }, []);
  if (memberships.length < 2) return null;
  return (
    <TextField
      select
      size="small"
      label={t('shell.unit')}
      value={chosenTenant() ?? ''}
      onChange={(e) => {
        chooseTenant(e.target.value);
        window.location.assign('/admin/');
      }}
      sx={{
        minWidth: 240,
        mx: 1,
        '& .MuiInputBase-root': { color: 'inherit', bgcolor: 'rgba(255,255,255,0.12)' },
        '& .MuiInputLabel-root': { color: 'inherit' },
      }}
      slotProps={{ htmlInput: { 'aria-label': t('shell.unit') } }}
    >
      {memberships.map((m) => (
        <MenuItem key={m.tenantId} value={m.tenantId}>
          {m.tenantName ? `${m.tenantName} (${m.tenantCode})` : m.tenantId}
        </MenuItem>
      ))}
    </TextField>
  );
}
