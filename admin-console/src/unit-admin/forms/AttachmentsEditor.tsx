import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import {
  Button,
  Checkbox,
  FormControlLabel,
  IconButton,
  MenuItem,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useTranslate } from 'react-admin';
import { ATTACHMENT_TYPES, newAttachment, type AttachmentState, type BuilderState } from './builder-document';

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/msword': 'DOC',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/xml': 'XML',
};

/** The papers the citizen attaches: name, required, accepted types, size, data-store supply. */
export function AttachmentsEditor(props: {
  state: BuilderState;
  onChange: (s: BuilderState) => void;
  problems: ReadonlyMap<string, string[]>;
}) {
  const t = useTranslate();
  const { state } = props;
  const set = (uid: string, patch: Partial<AttachmentState> | null) =>
    props.onChange({
      ...state,
      attachments: state.attachments.flatMap((a) =>
        a.uid !== uid ? [a] : patch ? [{ ...a, ...patch }] : [],
      ),
    });
  return (
    <Paper sx={{ p: 1.5, mb: 2 }}>
      <Typography variant="subtitle1" gutterBottom>
        {t('unitAdmin.builder.attachments')}
      </Typography>
      {state.attachments.map((a) => (
        <Paper key={a.uid} variant="outlined" sx={{ p: 1, mb: 1 }} data-testid={`attachment-${a.id}`}>
          <Stack sx={{ alignItems: 'center' }} direction="row" spacing={1}>
            <TextField
              size="small"
              fullWidth
              label={t('unitAdmin.builder.attachment_name')}
              value={a.name}
              onChange={(e) => set(a.uid, { name: e.target.value })}
            />
            <IconButton
              size="small"
              onClick={() => set(a.uid, null)}
              aria-label={`${t('unitAdmin.builder.remove')}: ${a.name}`}
            >
              <DeleteOutlined fontSize="small" />
            </IconButton>
          </Stack>
          <Stack
            direction="row"
            spacing={1}
            sx={{ mt: 1, alignItems: 'center', flexWrap: 'wrap' }}
            useFlexGap
          >
            <TextField
              select
              size="small"
              sx={{ minWidth: 180 }}
              label={t('unitAdmin.builder.attachment_types')}
              value={a.accept}
              slotProps={{
                select: {
                  multiple: true,
                  renderValue: (v) => (v as string[]).map((m) => TYPE_NAMES[m]).join(', '),
                },
              }}
              onChange={(e) => {
                const v = e.target.value as unknown as string[];
                if (v.length > 0) set(a.uid, { accept: v });
              }}
            >
              {ATTACHMENT_TYPES.map((m) => (
                <MenuItem key={m} value={m}>
                  {TYPE_NAMES[m]}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              size="small"
              type="number"
              sx={{ width: 110 }}
              label={t('unitAdmin.builder.attachment_size')}
              value={a.maxSizeMb}
              onChange={(e) =>
                set(a.uid, { maxSizeMb: Math.max(1, Math.min(100, Number(e.target.value) || 1)) })
              }
            />
            <FormControlLabel
              control={
                <Checkbox checked={a.required} onChange={(e) => set(a.uid, { required: e.target.checked })} />
              }
              label={t('unitAdmin.builder.required_yes')}
            />
            <FormControlLabel
              control={
                <Checkbox
                  checked={a.fromDataStore ?? false}
                  onChange={(e) => set(a.uid, { fromDataStore: e.target.checked })}
                />
              }
              label={t('unitAdmin.builder.from_data_store')}
            />
          </Stack>
          {props.problems.get(a.uid)?.map((m, i) => (
            <Typography key={i} variant="body2" color="error">
              {m}
            </Typography>
          ))}
        </Paper>
      ))}
      <Button
        size="small"
        onClick={() =>
          props.onChange({
            ...state,
            attachments: [...state.attachments, newAttachment(state, t('unitAdmin.builder.new_attachment'))],
          })
        }
      >
        {t('unitAdmin.builder.add_attachment')}
      </Button>
    </Paper>
  );
}
