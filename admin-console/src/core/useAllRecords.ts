import { useEffect, useState } from 'react';
import { fetchAll } from './dataProvider';

/** Every row of a list (several pages when needed), for trees and overviews of all units. */
export function useAllRecords<T>(resource: string, filter: Record<string, unknown>, sortField?: string) {
  const [data, setData] = useState<T[] | undefined>();
  const [error, setError] = useState<Error | null>(null);
  const key = JSON.stringify([resource, filter, sortField]);
  useEffect(() => {
    let live = true;
    setData(undefined);
    fetchAll<T>(resource, { filter, sort: sortField ? { field: sortField, order: 'ASC' } : undefined })
      .then((rows) => live && setData(rows))
      .catch((e: Error) => live && setError(e));
    return () => {
      live = false;
    };
    // key stands for resource, filter and sort.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { data, isPending: data === undefined && !error, error };
}
