/** The shared dictionary as the builder reads it: search to pick, load by key to show. */
import { apiFetch } from '../../core/api';
import type { FieldTypeName } from './builder-document';

export interface DictOption {
  value: string;
  label: string;
  label_en: string;
}

export interface DictField {
  key: string;
  label: string;
  label_en: string;
  type: FieldTypeName;
  options: DictOption[];
  status: 'active' | 'retired';
  help: string;
}

const query = (filter: object, range: [number, number]) =>
  `/dictionary?${new URLSearchParams({
    filter: JSON.stringify(filter),
    range: JSON.stringify(range),
    sort: JSON.stringify(['key', 'ASC']),
  }).toString()}`;

/** Active fields matching `q` (accent-insensitive on the server), first 30. */
export async function searchDictionary(q: string): Promise<DictField[]> {
  const filter = q.trim() ? { q: q.trim(), status: 'active' } : { status: 'active' };
  const { json } = await apiFetch<DictField[]>(query(filter, [0, 29]));
  return json;
}

/** The fields a draft names (retired ones included, so the builder can say so). */
export async function loadFields(keys: string[]): Promise<DictField[]> {
  if (keys.length === 0) return [];
  const { json } = await apiFetch<DictField[]>(query({ key: keys }, [0, keys.length - 1]));
  return json;
}
