import { MenuItem, Stack, TextField } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import type { ConditionState, ConditionTest } from './builder-document';
import type { DictField } from './dictionary';

/** "Show this item when field Y = v": the field among earlier ones, the test, the value. */
export function ConditionEditor(props: {
  value: ConditionState | null;
  candidates: string[];
  fields: ReadonlyMap<string, DictField>;
  onChange: (c: ConditionState | null) => void;
}) {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const c = props.value;
  const labelOf = (key: string) => {
    const f = props.fields.get(key);
    return f ? `${locale === 'en' ? f.label_en : f.label} (${key})` : key;
  };
  const target = c ? props.fields.get(c.field) : undefined;
  const choices =
    target?.type === 'boolean'
      ? [
          { value: 'true', label: t('unitAdmin.builder.yes') },
          { value: 'false', label: t('unitAdmin.builder.no') },
        ]
      : target?.type === 'select' || target?.type === 'multi_select'
        ? target.options.map((o) => ({ value: o.value, label: locale === 'en' ? o.label_en : o.label }))
        : null;
  return (
    <Stack spacing={1} sx={{ mt: 1 }}>
      <TextField
        select
        size="small"
        label={t('unitAdmin.builder.condition.when')}
        value={c?.field ?? ''}
        onChange={(e) =>
          props.onChange(
            e.target.value
              ? { field: e.target.value, test: c?.test ?? 'equals', value: c?.value ?? '' }
              : null,
          )
        }
        helperText={props.candidates.length === 0 ? t('unitAdmin.builder.condition.none_before') : undefined}
        slotProps={{ htmlInput: { 'data-testid': 'condition-field' } }}
      >
        <MenuItem value="">{t('unitAdmin.builder.condition.always')}</MenuItem>
        {props.candidates.map((k) => (
          <MenuItem key={k} value={k}>
            {labelOf(k)}
          </MenuItem>
        ))}
      </TextField>
      {c && (
        <Stack direction="row" spacing={1}>
          <TextField
            select
            size="small"
            sx={{ minWidth: 140 }}
            label={t('unitAdmin.builder.condition.test')}
            value={c.test}
            onChange={(e) => props.onChange({ ...c, test: e.target.value as ConditionTest })}
          >
            <MenuItem value="equals">{t('unitAdmin.builder.condition.equals')}</MenuItem>
            <MenuItem value="in">{t('unitAdmin.builder.condition.in')}</MenuItem>
            <MenuItem value="notEmpty">{t('unitAdmin.builder.condition.notEmpty')}</MenuItem>
          </TextField>
          {c.test === 'equals' && choices ? (
            <TextField
              select
              size="small"
              fullWidth
              label={t('unitAdmin.builder.condition.value')}
              value={c.value}
              onChange={(e) => props.onChange({ ...c, value: e.target.value })}
              slotProps={{ htmlInput: { 'data-testid': 'condition-value' } }}
            >
              {choices.map((o) => (
                <MenuItem key={o.value} value={o.value}>
                  {o.label}
                </MenuItem>
              ))}
            </TextField>
          ) : c.test !== 'notEmpty' ? (
            <TextField
              size="small"
              fullWidth
              label={t('unitAdmin.builder.condition.value')}
              helperText={c.test === 'in' ? t('unitAdmin.builder.condition.in_hint') : undefined}
              value={c.value}
              onChange={(e) => props.onChange({ ...c, value: e.target.value })}
            />
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}
