import Block from '@mui/icons-material/Block';
import { Button } from '@mui/material';
import { useState } from 'react';
import { Confirm, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { apiFetch } from '../../core/api';
import { keyScopes, type ApiKeyRecord, type KeyScope } from './scopes';

/** Revokes one key after a confirmation saying what it breaks; revoked keys show no button. */
export function RevokeKeyButton({ scope }: { scope: KeyScope }) {
  const record = useRecordContext<ApiKeyRecord>();
  const t = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!record || record.revokedAt) return null;
  const revoke = async () => {
    setBusy(true);
    try {
      await apiFetch(`/${keyScopes[scope].resource}/${record.id}/revoke`, { method: 'POST' });
      notify('platform.api_keys.revoked_done', { type: 'success' });
      refresh();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };
  return (
    <>
      <Button
        size="small"
        color="error"
        startIcon={<Block />}
        sx={{ whiteSpace: 'nowrap' }}
        onClick={(e) => {
          e.stopPropagation();
          setOpen(true);
        }}
      >
        {t('platform.api_keys.revoke')}
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title="platform.api_keys.revoke_title"
        titleTranslateOptions={{ name: record.name }}
        content="platform.api_keys.revoke_content"
        confirm="platform.api_keys.revoke"
        confirmColor="warning"
        onConfirm={revoke}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
