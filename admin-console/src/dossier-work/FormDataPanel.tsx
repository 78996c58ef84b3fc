import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useLocaleState } from 'react-admin';
import { EmptyState } from '../core/EmptyState';
import { formatDate } from '../core/format';
import { publicProcedure } from './calls';
import type { LayoutField, LayoutGroup, PublicProcedure } from './types';

function show(v: unknown, field?: LayoutField, en = false): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (field?.options?.length) {
    const values = Array.isArray(v) ? v : [v];
    return values
      .map((x) => {
        const o = field.options.find((opt) => opt.value === x);
        return o ? ((en ? o.label_en : undefined) ?? o.label) : String(x);
      })
      .join(', ');
  }
  if (field?.type === 'date' && typeof v === 'string') return formatDate(v);
  if (Array.isArray(v)) return v.map((x) => show(x)).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function useProcedure(id: string | undefined): PublicProcedure | null {
  const [p, setP] = useState<PublicProcedure | null>(null);
  useEffect(() => {
    if (!id) return;
    let live = true;
    void publicProcedure(id).then((x) => live && setP(x));
    return () => {
      live = false;
    };
  }, [id]);
  return p;
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <TableRow>
      <TableCell component="th" sx={{ width: '40%', color: 'text.secondary', verticalAlign: 'top' }}>
        {label}
      </TableCell>
      <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{value}</TableCell>
    </TableRow>
  );
}

function GroupRows({ group, value, en }: { group: LayoutGroup; value: unknown; en: boolean }) {
  const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  return (
    <TableRow>
      <TableCell colSpan={2}>
        <Typography variant="subtitle2">{en ? group.title_en || group.title : group.title}</Typography>
        <Table size="small">
          <TableHead>
            <TableRow>
              {group.items.map((f) => (
                <TableCell key={f.property}>{en ? f.label_en || f.label : f.label}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r, i) => (
              <TableRow key={i}>
                {group.items.map((f) => (
                  <TableCell key={f.property}>{show(r[f.property], f, en)}</TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableCell>
    </TableRow>
  );
}

/** The form data, labelled by the procedure's published layout; keys it does not know, as they are. */
export function FormDataPanel({ procedureId, data }: { procedureId: string; data: Record<string, unknown> }) {
  const [locale] = useLocaleState();
  const en = locale === 'en';
  const procedure = useProcedure(procedureId);
  const layout = procedure?.form?.uiLayout;
  const known = new Set<string>();
  for (const s of layout?.sections ?? []) for (const i of s.items) known.add(i.property);
  const rest = Object.keys(data).filter((k) => !known.has(k));
  if (Object.keys(data).length === 0) return <EmptyState title="dossierWork.empty.data" />;
  return (
    <Box data-testid="form-data">
      {(layout?.sections ?? []).map((s) => (
        <Box key={s.id} sx={{ mb: 2 }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
            {en ? s.title_en || s.title : s.title}
          </Typography>
          <Table size="small">
            <TableBody>
              {s.items.map((i) =>
                i.kind === 'group' ? (
                  <GroupRows key={i.property} group={i} value={data[i.property]} en={en} />
                ) : (
                  <Row
                    key={i.property}
                    label={en ? i.label_en || i.label : i.label}
                    value={show(data[i.property], i, en)}
                  />
                ),
              )}
            </TableBody>
          </Table>
        </Box>
      ))}
      {rest.length > 0 && (
        <Table size="small">
          <TableBody>
            {rest.map((k) => (
              <Row key={k} label={k} value={show(data[k])} />
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
