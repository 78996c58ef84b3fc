import DownloadIcon from '@mui/icons-material/Download';
import PrintIcon from '@mui/icons-material/Print';
import { Box, Button, Stack, Typography } from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';
import { download } from '../core/api';
import { openFile } from './calls';
import type { DossierDetail } from './types';

export type SlipKind = 'receipt' | 'refusal' | 'supplement' | 'apology';

/** The printable slips this dossier has, from its status and its history. */
export function slipsOf(d: DossierDetail): SlipKind[] {
  const did = (a: string) => d.timeline.some((e) => e.action === a);
  const out: SlipKind[] = [];
  if (d.receivedAt) out.push('receipt');
  if (d.status === 'refused') out.push('refusal');
  if (did('request-supplement')) out.push('supplement');
  if (did('apologize')) out.push('apology');
  return out;
}

export const slipPath = (id: string, kind: SlipKind) => `/dossiers/${id}/slips/${kind}.pdf`;

export function SlipButtons({ dossier }: { dossier: DossierDetail }) {
  const t = useTranslate();
  const notify = useNotify();
  const slips = slipsOf(dossier);
  if (slips.length === 0) return null;
  const fail = (e: Error) => notify(e.message, { type: 'error' });
  const file = (k: SlipKind) => `${k}-${dossier.code ?? dossier.id}.pdf`;
  return (
    <Box data-testid="slips">
      <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
        {t('dossierWork.slip.title')}
      </Typography>
      <Stack spacing={0.5}>
        {slips.map((k) => (
          <Stack key={k} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography variant="body2" sx={{ flex: 1 }}>
              {t(`dossierWork.slip.${k}`)}
            </Typography>
            <Button
              size="small"
              startIcon={<PrintIcon />}
              onClick={() => void openFile(slipPath(dossier.id, k)).catch(fail)}
              data-testid={`slip-open-${k}`}
            >
              {t('dossierWork.slip.open')}
            </Button>
            <Button
              size="small"
              startIcon={<DownloadIcon />}
              onClick={() => void download(slipPath(dossier.id, k), file(k)).catch(fail)}
            >
              {t('dossierWork.slip.download')}
            </Button>
          </Stack>
        ))}
      </Stack>
    </Box>
  );
}
