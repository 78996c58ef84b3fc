import { MenuItem, Stack, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { FieldState, GroupState } from './builder-document';
import { ConditionEditor } from './ConditionEditor';
import type { DictField } from './dictionary';

interface Common {
  candidates: string[];
  fields: ReadonlyMap<string, DictField>;
}

/** A field's wording on this form (the dictionary's when empty), required, and its condition. */
export function FieldEditor(props: Common & { value: FieldState; onChange: (f: FieldState) => void }) {
  const t = useTranslate();
  const f = props.value;
  const dict = props.fields.get(f.key);
  const set = (patch: Partial<FieldState>) => props.onChange({ ...f, ...patch });
  return (
    <Stack spacing={1} sx={{ p: 1.5, pt: 0.5 }} data-testid={`field-editor-${f.key}`}>
      <Stack direction="row" spacing={1}>
        <TextField
          size="small"
          fullWidth
          label={t('unitAdmin.builder.label_vi')}
          placeholder={dict?.label}
          value={f.label}
          onChange={(e) => set({ label: e.target.value })}
        />
        <TextField
          size="small"
          fullWidth
          label={t('unitAdmin.builder.label_en')}
          placeholder={dict?.label_en}
          value={f.label_en}
          onChange={(e) => set({ label_en: e.target.value })}
        />
      </Stack>
      <TextField
        size="small"
        label={t('unitAdmin.builder.help_vi')}
        placeholder={dict?.help}
        value={f.help}
        onChange={(e) => set({ help: e.target.value })}
      />
      <TextField
        select
        size="small"
        label={t('unitAdmin.builder.required')}
        value={f.required}
        onChange={(e) => set({ required: e.target.value as FieldState['required'] })}
      >
        <MenuItem value="dictionary">{t('unitAdmin.builder.required_dictionary')}</MenuItem>
        <MenuItem value="yes">{t('unitAdmin.builder.required_yes')}</MenuItem>
        <MenuItem value="no">{t('unitAdmin.builder.required_no')}</MenuItem>
      </TextField>
      <ConditionEditor
        value={f.condition}
        candidates={props.candidates}
        fields={props.fields}
        onChange={(condition) => set({ condition })}
      />
    </Stack>
  );
}

/** A repeating group: its title, how many entries, its property id and its condition. */
export function GroupEditor(props: Common & { value: GroupState; onChange: (g: GroupState) => void }) {
  const t = useTranslate();
  const g = props.value;
  const set = (patch: Partial<GroupState>) => props.onChange({ ...g, ...patch });
  const count = (v: string) => Math.max(0, Math.min(100, Math.trunc(Number(v) || 0)));
  return (
    <Stack spacing={1} sx={{ p: 1.5, pt: 0.5 }}>
      <Stack direction="row" spacing={1}>
        <TextField
          size="small"
          fullWidth
          label={t('unitAdmin.builder.title_vi')}
          value={g.title}
          onChange={(e) => set({ title: e.target.value })}
        />
        <TextField
          size="small"
          fullWidth
          label={t('unitAdmin.builder.title_en')}
          value={g.title_en}
          onChange={(e) => set({ title_en: e.target.value })}
        />
      </Stack>
      <Stack direction="row" spacing={1}>
        <TextField
          size="small"
          type="number"
          label={t('unitAdmin.builder.repeat_min')}
          value={g.min}
          onChange={(e) => set({ min: count(e.target.value) })}
        />
        <TextField
          size="small"
          type="number"
          label={t('unitAdmin.builder.repeat_max')}
          value={g.max}
          onChange={(e) => set({ max: count(e.target.value) })}
        />
        <TextField
          size="small"
          label={t('unitAdmin.builder.group_id')}
          helperText={t('unitAdmin.builder.id_hint')}
          value={g.id}
          onChange={(e) => set({ id: e.target.value })}
        />
      </Stack>
      <ConditionEditor
        value={g.condition}
        candidates={props.candidates}
        fields={props.fields}
        onChange={(condition) => set({ condition })}
      />
    </Stack>
  );
}
