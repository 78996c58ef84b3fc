import InboxOutlined from '@mui/icons-material/InboxOutlined';
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/**
 * What a list or a page shows when there is nothing yet: an icon, a sentence saying what would be
 * here, a hint for what to do, and the action that fills it. Titles and hints are message keys.
 */
export function EmptyState(props: { title: string; hint?: string; action?: ReactNode; icon?: ReactNode }) {
  const t = useTranslate();
  return (
    <Box
      role="status"
      sx={{ textAlign: 'center', py: 6, px: 2, color: 'text.secondary', width: '100%' }}
      data-testid="empty-state"
    >
      <Box sx={{ fontSize: 64, lineHeight: 1, mb: 1, opacity: 0.5 }}>
        {props.icon ?? <InboxOutlined fontSize="inherit" />}
      </Box>
      <Typography variant="h6" component="p" gutterBottom>
        {t(props.title, { _: props.title })}
      </Typography>
      {props.hint && <Typography sx={{ mb: 2 }}>{t(props.hint, { _: props.hint })}</Typography>}
      {props.action}
    </Box>
  );
}
