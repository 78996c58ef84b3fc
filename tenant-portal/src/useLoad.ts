import { useEffect, useRef, useState, type DependencyList } from 'react';

/**
 * Loads once per change of `deps`; the stale answer of an earlier load is dropped. `ready`, when
 * given, is the answer already at hand for the first deps: no load, no loading state.
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList, ready?: T) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>(() =>
    ready === undefined ? { loading: true } : { data: ready, loading: false },
  );
  const [tick, setTick] = useState(0);
  const skip = useRef(ready !== undefined);
  useEffect(() => {
    if (skip.current) {
      skip.current = false;
      return;
    }
    let live = true;
    setState((s) => ({ data: s.data, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}
