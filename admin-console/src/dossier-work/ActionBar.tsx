import { Alert, Button, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { ActionDialog } from './ActionDialog';
import { allowedFrom } from './calls';
import type { DossierAction, DossierDetail } from './types';

/** Actions the console offers a button for (the system's own "transfer-returned" is not one). */
const OFFERED: readonly DossierAction[] = [
  'receive',
  'assign',
  'approve',
  'result',
  'return',
  'request-supplement',
  'supplement',
  'send-back',
  'transfer',
  'apologize',
  'refuse',
];
const PRIMARY = new Set<DossierAction>(['receive', 'approve', 'result', 'return', 'assign']);

/**
 * The buttons of the actions the API says this person may take now (allowedActions). A move the
 * server refuses anyway (someone acted first) answers 409 with what is still allowed: shown here.
 */
export function ActionBar({
  dossier,
  onChanged,
}: {
  dossier: DossierDetail;
  onChanged: (d?: DossierDetail) => void;
}) {
  const t = useTranslate();
  const notify = useNotify();
  const [open, setOpen] = useState<DossierAction | null>(null);
  const [conflict, setConflict] = useState<DossierAction[] | null>(null);
  const actions = OFFERED.filter((a) => dossier.allowedActions.includes(a));

  const done = (action: DossierAction, d?: DossierDetail) => {
    setOpen(null);
    setConflict(null);
    notify('dossierWork.dialog.done', {
      type: 'success',
      messageArgs: { action: t(`dossierWork.action.${action}`) },
    });
    onChanged(d);
  };
  const failed = (e: unknown) => {
    const allowed = allowedFrom(e);
    if (allowed) {
      setOpen(null);
      setConflict(allowed);
      onChanged();
      return true;
    }
    return false;
  };

  return (
    <Stack spacing={1} data-testid="actions">
      {conflict && (
        <Alert severity="warning" onClose={() => setConflict(null)} data-testid="conflict">
          {t('dossierWork.dialog.conflict', {
            allowed:
              conflict.map((a) => t(`dossierWork.action.${a}`)).join(', ') || t('dossierWork.dialog.none'),
          })}
        </Alert>
      )}
      {actions.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('dossierWork.detail.no_actions')}
        </Typography>
      ) : (
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }}>
          {actions.map((a) => (
            <Button
              key={a}
              variant={PRIMARY.has(a) ? 'contained' : 'outlined'}
              color={a === 'refuse' ? 'error' : 'primary'}
              onClick={() => setOpen(a)}
              data-action={a}
            >
              {t(`dossierWork.action.${a}`)}
            </Button>
          ))}
        </Stack>
      )}
      {open && (
        <ActionDialog
          dossier={dossier}
          action={open}
          onClose={() => setOpen(null)}
          onDone={(d) => done(open, d)}
          onFailed={failed}
        />
      )}
    </Stack>
  );
}
