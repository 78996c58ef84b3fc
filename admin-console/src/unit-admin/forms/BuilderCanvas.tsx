/**
 * The form being built: sections holding fields and repeating groups, ordered by drag and drop
 * (dnd-kit; the keyboard works too: focus a handle, Space, arrows, Space). Each item opens its
 * editor; the server's problems are shown on the item they name.
 */
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import DragIndicator from '@mui/icons-material/DragIndicator';
import EditOutlined from '@mui/icons-material/EditOutlined';
import { Box, Chip, Collapse, IconButton, Paper, Stack, TextField, Tooltip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import {
  conditionCandidates,
  moveByUid,
  type BuilderState,
  type ConditionState,
  type FieldState,
  type GroupState,
  type ItemState,
  type SectionState,
} from './builder-document';
import type { DictField } from './dictionary';
import { FieldEditor, GroupEditor } from './ItemEditor';

export interface CanvasProps {
  state: BuilderState;
  onChange: (s: BuilderState) => void;
  fields: ReadonlyMap<string, DictField>;
  problems: ReadonlyMap<string, string[]>;
  /** Where the picker adds a field: a section's or a group's uid. */
  target: string;
  onTarget: (uid: string) => void;
  open: string | null;
  onOpen: (uid: string | null) => void;
}

function Sortable(props: { id: string; children: (handle: ReactNode) => ReactNode }) {
  const t = useTranslate();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: props.id,
  });
  const handle = (
    <IconButton
      size="small"
      {...attributes}
      {...listeners}
      aria-label={t('unitAdmin.builder.drag')}
      sx={{ cursor: 'grab', touchAction: 'none' }}
      data-testid={`drag-${props.id}`}
    >
      <DragIndicator fontSize="small" />
    </IconButton>
  );
  return (
    <Box
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.5 : 1 }}
    >
      {props.children(handle)}
    </Box>
  );
}

function Problems(props: { list?: string[] }) {
  if (!props.list?.length) return null;
  return (
    <Box sx={{ px: 1.5, pb: 1 }}>
      {props.list.map((m, i) => (
        <Typography key={i} variant="body2" color="error" role="alert">
          {m}
        </Typography>
      ))}
    </Box>
  );
}

/** "Shown when Receive by post equals Yes": values in the words the admin chose them in. */
function conditionText(
  c: ConditionState | null,
  fields: ReadonlyMap<string, DictField>,
  label: (k: string) => string,
  t: (k: string) => string,
  en: boolean,
) {
  if (!c) return null;
  const target = fields.get(c.field);
  const word = (v: string) => {
    if (target?.type === 'boolean') return t(v === 'true' ? 'unitAdmin.builder.yes' : 'unitAdmin.builder.no');
    const o = target?.options.find((x) => x.value === v);
    return o ? (en ? o.label_en : o.label) : v;
  };
  const values = (c.test === 'in' ? c.value.split(',') : [c.value]).map((v) => word(v.trim())).join(', ');
  const test =
    c.test === 'notEmpty'
      ? t('unitAdmin.builder.condition.notEmpty')
      : `${t(`unitAdmin.builder.condition.${c.test}`)} ${values}`;
  return `${t('unitAdmin.builder.condition.shown_when')} ${label(c.field)} ${test}`;
}

export function BuilderCanvas(props: CanvasProps) {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const { state, onChange } = props;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const labelOf = (key: string) => {
    const f = props.fields.get(key);
    return f ? (locale === 'en' ? f.label_en : f.label) : key;
  };

  const replaceSection = (uid: string, fn: (s: SectionState) => SectionState) =>
    onChange({ ...state, sections: state.sections.map((s) => (s.uid === uid ? fn(s) : s)) });
  const replaceItem = (uid: string, next: ItemState | null) =>
    onChange({
      ...state,
      sections: state.sections.map((s) => ({
        ...s,
        items: s.items.flatMap((i): ItemState[] => {
          if (i.uid === uid) return next ? [next] : [];
          if (i.kind === 'group' && i.items.some((f) => f.uid === uid))
            return [
              {
                ...i,
                items: i.items.flatMap((f) => (f.uid === uid ? (next ? [next as FieldState] : []) : [f])),
              },
            ];
          return [i];
        }),
      })),
    });

  const onDragEnd = (e: DragEndEvent) => {
    if (e.over) onChange(moveByUid(state, String(e.active.id), String(e.over.id)));
  };

  const fieldRow = (f: FieldState, handle: ReactNode) => {
    const dict = props.fields.get(f.key);
    const label = (locale === 'en' ? f.label_en : f.label) || labelOf(f.key);
    const open = props.open === f.uid;
    const problems = props.problems.get(f.uid);
    return (
      <Paper
        variant="outlined"
        sx={{ mb: 1, borderColor: problems ? 'error.main' : undefined }}
        data-testid={`item-${f.key}`}
      >
        <Stack direction="row" spacing={0.5} sx={{ px: 0.5, py: 0.25, alignItems: 'center' }}>
          {handle}
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Typography variant="body2" noWrap title={label}>
              {label}
              {f.required === 'yes' && ' *'}
            </Typography>
            <Typography variant="caption" color="text.secondary" noWrap component="div">
              {f.key} ·{' '}
              {dict ? t(`unitAdmin.builder.types.${dict.type}`) : t('unitAdmin.builder.unknown_field')}
              {dict?.status === 'retired' && ` · ${t('unitAdmin.builder.retired')}`}
            </Typography>
            {f.condition && (
              <Chip
                size="small"
                color="info"
                variant="outlined"
                sx={{ mt: 0.25, maxWidth: '100%' }}
                label={conditionText(f.condition, props.fields, labelOf, t, locale === 'en')}
              />
            )}
          </Box>
          <Tooltip title={t('unitAdmin.builder.edit')}>
            <IconButton
              size="small"
              onClick={() => props.onOpen(open ? null : f.uid)}
              aria-expanded={open}
              aria-label={`${t('unitAdmin.builder.edit')}: ${label}`}
            >
              <EditOutlined fontSize="small" />
            </IconButton>
          </Tooltip>
          <Tooltip title={t('unitAdmin.builder.remove')}>
            <IconButton
              size="small"
              onClick={() => replaceItem(f.uid, null)}
              aria-label={`${t('unitAdmin.builder.remove')}: ${label}`}
            >
              <DeleteOutlined fontSize="small" />
            </IconButton>
          </Tooltip>
        </Stack>
        <Problems list={problems} />
        <Collapse in={open} unmountOnExit>
          <FieldEditor
            value={f}
            fields={props.fields}
            candidates={conditionCandidates(state, f.uid)}
            onChange={(next) => replaceItem(f.uid, next)}
          />
        </Collapse>
      </Paper>
    );
  };

  const groupBox = (g: GroupState, handle: ReactNode) => {
    const open = props.open === g.uid;
    const chosen = props.target === g.uid;
    return (
      <Paper
        variant="outlined"
        sx={{
          mb: 1,
          borderStyle: 'dashed',
          borderColor: props.problems.get(g.uid) ? 'error.main' : chosen ? 'primary.main' : undefined,
          bgcolor: 'action.hover',
        }}
        data-testid={`group-${g.id}`}
      >
        <Stack direction="row" spacing={0.5} sx={{ px: 0.5, py: 0.25, alignItems: 'center' }}>
          {handle}
          <Box sx={{ flex: 1, minWidth: 0 }} onClick={() => props.onTarget(g.uid)}>
            <Typography variant="subtitle2" noWrap>
              {(locale === 'en' && g.title_en) || g.title}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {t('unitAdmin.builder.repeating', { min: g.min, max: g.max })}
            </Typography>
            {g.condition && (
              <Chip
                size="small"
                color="info"
                variant="outlined"
                sx={{ ml: 1 }}
                label={conditionText(g.condition, props.fields, labelOf, t, locale === 'en')}
              />
            )}
          </Box>
          <IconButton
            size="small"
            onClick={() => props.onOpen(open ? null : g.uid)}
            aria-label={`${t('unitAdmin.builder.edit')}: ${g.title}`}
          >
            <EditOutlined fontSize="small" />
          </IconButton>
          <IconButton
            size="small"
            onClick={() => replaceItem(g.uid, null)}
            aria-label={`${t('unitAdmin.builder.remove')}: ${g.title}`}
          >
            <DeleteOutlined fontSize="small" />
          </IconButton>
        </Stack>
        <Problems list={props.problems.get(g.uid)} />
        <Collapse in={open} unmountOnExit>
          <GroupEditor
            value={g}
            fields={props.fields}
            candidates={conditionCandidates(state, g.uid)}
            onChange={(next) => replaceItem(g.uid, next)}
          />
        </Collapse>
        <Box sx={{ pl: 3, pr: 1, pb: 0.5 }}>
          <SortableContext items={g.items.map((f) => f.uid)} strategy={verticalListSortingStrategy}>
            {g.items.map((f) => (
              <Sortable key={f.uid} id={f.uid}>
                {(h) => fieldRow(f, h)}
              </Sortable>
            ))}
          </SortableContext>
          <EndZone id={`${g.uid}:end`} empty={g.items.length === 0} />
        </Box>
      </Paper>
    );
  };

  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={state.sections.map((s) => s.uid)} strategy={verticalListSortingStrategy}>
        {state.sections.map((s, index) => (
          <Sortable key={s.uid} id={s.uid}>
            {(handle) => (
              <Paper
                sx={{
                  p: 1,
                  mb: 2,
                  outline: props.target === s.uid ? '2px solid' : 'none',
                  outlineColor: 'primary.main',
                }}
                data-testid={`section-${s.id}`}
                onClick={(e) => {
                  if (e.target === e.currentTarget) props.onTarget(s.uid);
                }}
              >
                <Stack direction="row" spacing={0.5} sx={{ mb: 1, alignItems: 'center' }}>
                  {handle}
                  <TextField
                    size="small"
                    variant="standard"
                    fullWidth
                    label={t('unitAdmin.builder.section_title', { n: index + 1 })}
                    value={s.title}
                    onFocus={() => props.onTarget(s.uid)}
                    onChange={(e) => replaceSection(s.uid, (x) => ({ ...x, title: e.target.value }))}
                  />
                  <TextField
                    size="small"
                    variant="standard"
                    sx={{ width: 160 }}
                    label={t('unitAdmin.builder.title_en')}
                    value={s.title_en}
                    onChange={(e) => replaceSection(s.uid, (x) => ({ ...x, title_en: e.target.value }))}
                  />
                  <IconButton
                    size="small"
                    aria-label={`${t('unitAdmin.builder.remove_section')}: ${s.title}`}
                    onClick={() =>
                      onChange({ ...state, sections: state.sections.filter((x) => x.uid !== s.uid) })
                    }
                  >
                    <DeleteOutlined fontSize="small" />
                  </IconButton>
                </Stack>
                <Problems list={props.problems.get(s.uid)} />
                <SortableContext items={s.items.map((i) => i.uid)} strategy={verticalListSortingStrategy}>
                  {s.items.map((item) => (
                    <Sortable key={item.uid} id={item.uid}>
                      {(h) => (item.kind === 'group' ? groupBox(item, h) : fieldRow(item, h))}
                    </Sortable>
                  ))}
                </SortableContext>
                {s.items.length === 0 && (
                  <Typography variant="body2" color="text.secondary" sx={{ p: 1 }}>
                    {t('unitAdmin.builder.section_empty')}
                  </Typography>
                )}
              </Paper>
            )}
          </Sortable>
        ))}
      </SortableContext>
    </DndContext>
  );
}

/** The drop zone at the end of a group, so a field can be dragged into an empty group. */
function EndZone(props: { id: string; empty: boolean }) {
  const t = useTranslate();
  const { setNodeRef, isOver } = useDroppable({ id: props.id });
  return (
    <Box
      ref={setNodeRef}
      sx={{
        minHeight: props.empty ? 40 : 12,
        mb: 0.5,
        borderRadius: 1,
        border: isOver || props.empty ? '1px dashed' : 'none',
        borderColor: isOver ? 'primary.main' : 'divider',
        color: 'text.secondary',
        fontSize: 13,
        px: 1,
        display: 'flex',
        alignItems: 'center',
      }}
    >
      {props.empty ? t('unitAdmin.builder.group_empty') : null}
    </Box>
  );
}
