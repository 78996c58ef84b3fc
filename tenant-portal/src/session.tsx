import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, getJson, setCsrfToken } from './api';

export interface Me {
  kind: string;
  id: string;
  name: string;
  pid?: string;
  csrfToken?: string;
}

interface Session {
  me: Me | null;
  loading: boolean;
}

const Ctx = createContext<Session>({ me: null, loading: true });

/** Who is signed in (GET /me); anonymous visitors simply have none. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<Session>({ me: null, loading: true });
  useEffect(() => {
    getJson<Me>('/me').then(
      (me) => {
        setCsrfToken(me.csrfToken ?? null);
        setState({ me: me.kind === 'citizen' ? me : null, loading: false });
      },
      (err: unknown) => {
        if (!(err instanceof ApiError)) console.error(err);
        setState({ me: null, loading: false });
      },
    );
  }, []);
  return <Ctx.Provider value={state}>{children}</Ctx.Provider>;
}

export const useSession = () => useContext(Ctx);
