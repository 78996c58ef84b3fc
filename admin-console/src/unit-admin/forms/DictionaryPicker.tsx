import Add from '@mui/icons-material/Add';
import {
  Box,
  Chip,
  IconButton,
  List,
  ListItem,
  ListItemText,
  MenuItem,
  Paper,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import type { BuilderState } from './builder-document';
import { searchDictionary, type DictField } from './dictionary';

/** Search the shared dictionary and add a field to the chosen section or group. */
export function DictionaryPicker(props: {
  state: BuilderState;
  target: string;
  onTarget: (uid: string) => void;
  placed: ReadonlySet<string>;
  onPick: (f: DictField) => void;
}) {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<DictField[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      searchDictionary(q)
        .then((r) => live && (setRows(r), setError(null)))
        .catch((e: Error) => live && setError(e.message));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);

  const targets = props.state.sections.flatMap((s) => [
    { uid: s.uid, label: s.title || s.id },
    ...s.items.flatMap((i) =>
      i.kind === 'group' ? [{ uid: i.uid, label: `${s.title || s.id} › ${i.title || i.id}` }] : [],
    ),
  ]);

  return (
    <Paper sx={{ p: 1.5 }}>
      <Typography variant="subtitle1" gutterBottom>
        {t('unitAdmin.builder.dictionary')}
      </Typography>
      {targets.length > 0 && (
        <TextField
          select
          size="small"
          fullWidth
          sx={{ mb: 1 }}
          label={t('unitAdmin.builder.add_to')}
          value={targets.some((x) => x.uid === props.target) ? props.target : ''}
          onChange={(e) => props.onTarget(e.target.value)}
        >
          {targets.map((x) => (
            <MenuItem key={x.uid} value={x.uid}>
              {x.label}
            </MenuItem>
          ))}
        </TextField>
      )}
      <TextField
        size="small"
        fullWidth
        type="search"
        label={t('unitAdmin.builder.search_fields')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {error && (
        <Typography color="error" variant="body2">
          {error}
        </Typography>
      )}
      <Box sx={{ maxHeight: 'calc(100vh - 330px)', minHeight: 200, overflowY: 'auto', mt: 1 }}>
        <List dense disablePadding>
          {rows.map((f) => {
            const placed = props.placed.has(f.key);
            const label = locale === 'en' ? f.label_en : f.label;
            return (
              <ListItem
                key={f.key}
                sx={{ pl: 0.5 }}
                secondaryAction={
                  <IconButton
                    edge="end"
                    size="small"
                    onClick={() => props.onPick(f)}
                    aria-label={`${t('unitAdmin.builder.add')}: ${label}`}
                    data-testid={`pick-${f.key}`}
                  >
                    <Add fontSize="small" />
                  </IconButton>
                }
              >
                <ListItemText
                  primary={label}
                  secondary={
                    <>
                      {f.key}{' '}
                      <Chip component="span" size="small" label={t(`unitAdmin.builder.types.${f.type}`)} />
                      {placed && (
                        <Chip
                          component="span"
                          size="small"
                          color="success"
                          variant="outlined"
                          sx={{ ml: 0.5 }}
                          label={t('unitAdmin.builder.placed')}
                        />
                      )}
                    </>
                  }
                  slotProps={{ primary: { noWrap: true, title: label }, secondary: { component: 'div' } }}
                />
              </ListItem>
            );
          })}
        </List>
        {rows.length === 0 && !error && (
          <Typography variant="body2" color="text.secondary" sx={{ p: 1 }}>
            {t('unitAdmin.builder.no_fields_found')}
          </Typography>
        )}
      </Box>
    </Paper>
  );
}
