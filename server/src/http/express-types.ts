import type { RequestScope } from '../auth/actor';

declare module 'express-serve-static-core' {
  interface Request {
    /** Resolved by auth/resolve-scope.ts: null when nobody signed in. */
    scope?: RequestScope | null;
    /** How the caller proved who they are; CSRF applies only to cookie sessions. */
    authVia?: 'session' | 'bearer' | null;
  }
}

declare module 'express-session' {
  interface SessionData {
    principal?: { kind: 'staff' | 'citizen'; id: string };
    /** Which identity provider client signed the person in, and its ID token for RP-initiated logout. */
    signedInWith?: 'staff' | 'citizen';
    idToken?: string;
    csrfToken?: string;
    /** Where to go after sign-in (a path on this site). */
    returnTo?: string;
  }
}

export {};
