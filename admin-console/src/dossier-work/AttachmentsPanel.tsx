import { Alert, Box, List, ListItemButton, ListItemText, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { EmptyState } from '../core/EmptyState';
import { fetchFile } from './calls';
import type { StoredAttachment } from './types';

const kb = (n: number) => `${Math.max(1, Math.round(n / 1024)).toLocaleString('vi-VN')} KB`;

/** The papers, and the one picked shown beside the form (PDF in a frame, images as they are). */
export function AttachmentsPanel({
  dossierId,
  attachments,
}: {
  dossierId: string;
  attachments: StoredAttachment[];
}) {
  const t = useTranslate();
  const [picked, setPicked] = useState<StoredAttachment | null>(attachments[0] ?? null);
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!picked) return;
    let live = true;
    let made: string | null = null;
    setError(null);
    setUrl(null);
    fetchFile(`/dossiers/${dossierId}/attachments/${encodeURIComponent(picked.attachmentId)}`)
      .then((b) => {
        if (!live) return;
        made = URL.createObjectURL(b);
        setUrl(made);
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [dossierId, picked]);

  if (attachments.length === 0) return <EmptyState title="dossierWork.empty.attachments" />;
  return (
    <Box data-testid="attachments">
      <List dense disablePadding>
        {attachments.map((a) => (
          <ListItemButton
            key={a.attachmentId}
            selected={picked?.attachmentId === a.attachmentId}
            onClick={() => setPicked(a)}
          >
            <ListItemText
              primary={a.name}
              secondary={`${a.mime} · ${kb(a.size)}${a.source === 'data_store' ? ` · ${t('dossierWork.detail.from_store')}` : ''}`}
            />
          </ListItemButton>
        ))}
      </List>
      {error && <Alert severity="warning">{error}</Alert>}
      {picked && url && (
        <Box sx={{ mt: 1, border: 1, borderColor: 'divider', borderRadius: 1, overflow: 'hidden' }}>
          {picked.mime === 'application/pdf' ? (
            <iframe title={picked.name} src={url} style={{ width: '100%', height: 520, border: 0 }} />
          ) : (
            <img src={url} alt={picked.name} style={{ maxWidth: '100%', display: 'block' }} />
          )}
        </Box>
      )}
      {picked && !url && !error && (
        <Typography variant="caption" color="text.secondary">
          {t('ra.page.loading')}
        </Typography>
      )}
    </Box>
  );
}
