import { useEffect, useState } from 'react';
import { apiFetch } from '../../core/api';

export interface FieldOfActivity {
  code: string;
  name: string;
  nameEn: string | null;
}

let cache: Promise<FieldOfActivity[]> | null = null;

/** The national fields of activity (Hộ tịch, Xây dựng…), read once per page load. */
export function useFieldsOfActivity(): FieldOfActivity[] {
  const [rows, setRows] = useState<FieldOfActivity[]>([]);
  useEffect(() => {
    cache ??= apiFetch<FieldOfActivity[]>('/procedure-fields?range=[0,999]').then((r) => r.json);
    let live = true;
    cache.then((r) => live && setRows(r)).catch(() => (cache = null));
    return () => {
      live = false;
    };
  }, []);
  return rows;
}
