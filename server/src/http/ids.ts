import { notFound, type Bilingual } from '../errors';
import { isUuid } from '../ids';

/**
 * The `:id` (or another) path parameter. A malformed id is just an id that matches nothing: 404,
 * exactly like another unit's record.
 */
export function idFrom(params: Record<string, string>, what?: Bilingual, name = 'id'): string {
  const id = params[name];
  if (!isUuid(id)) throw notFound(what);
  return id;
}
