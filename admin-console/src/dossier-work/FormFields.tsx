import { Alert, Checkbox, FormControlLabel, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import type { LayoutField, UiLayout } from './types';

/**
 * The procedure's form drawn from its compiled layout, plain inputs per widget, for the desk
 * typing in a paper form. Repeating groups are not entered here (said so on screen).
 */
export function FormFields(props: {
  layout: UiLayout;
  data: Record<string, unknown>;
  onChange: (data: Record<string, unknown>) => void;
  errors: Record<string, string>;
}) {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const en = locale === 'en';
  const set = (k: string, v: unknown) => props.onChange({ ...props.data, [k]: v });
  const label = (f: LayoutField) => (en ? f.label_en || f.label : f.label);
  const input = (f: LayoutField) => {
    const v = props.data[f.property];
    const err = props.errors[`data.${f.property}`] ?? props.errors[f.property];
    if (f.widget === 'checkbox')
      return (
        <FormControlLabel
          key={f.property}
          control={<Checkbox checked={v === true} onChange={(e) => set(f.property, e.target.checked)} />}
          label={label(f)}
        />
      );
    if (f.widget === 'select' || f.widget === 'checkboxes')
      return (
        <TextField
          key={f.property}
          select
          label={label(f)}
          required={f.required}
          value={(v as string | string[] | undefined) ?? (f.widget === 'checkboxes' ? [] : '')}
          onChange={(e) => set(f.property, e.target.value)}
          error={!!err}
          helperText={err}
          slotProps={{ select: { multiple: f.widget === 'checkboxes' } }}
        >
          {f.options.map((o) => (
            <MenuItem key={o.value} value={o.value}>
              {en ? (o.label_en ?? o.label) : o.label}
            </MenuItem>
          ))}
        </TextField>
      );
    const type =
      f.widget === 'number'
        ? 'number'
        : f.widget === 'date'
          ? 'date'
          : f.widget === 'email'
            ? 'email'
            : 'text';
    return (
      <TextField
        key={f.property}
        type={type}
        label={label(f)}
        required={f.required}
        value={(v as string | number | undefined) ?? ''}
        onChange={(e) =>
          set(
            f.property,
            type === 'number' && e.target.value !== '' ? Number(e.target.value) : e.target.value,
          )
        }
        multiline={f.widget === 'textarea'}
        minRows={f.widget === 'textarea' ? 3 : undefined}
        error={!!err}
        helperText={err}
        slotProps={type === 'date' ? { inputLabel: { shrink: true } } : undefined}
        name={f.property}
      />
    );
  };
  return (
    <Stack spacing={2}>
      {props.layout.sections.map((s) => (
        <Stack key={s.id} spacing={1.5}>
          <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
            {en ? s.title_en || s.title : s.title}
          </Typography>
          {s.items.map((i) =>
            i.kind === 'group' ? (
              <Alert key={i.property} severity="info">
                {t('dossierWork.entry.group_skipped', { title: en ? i.title_en || i.title : i.title })}
              </Alert>
            ) : (
              input(i)
            ),
          )}
        </Stack>
      ))}
    </Stack>
  );
}
