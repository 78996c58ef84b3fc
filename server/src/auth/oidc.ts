import * as client from 'openid-client';
import { Strategy, type AuthenticateOptions } from 'openid-client/passport';
import type { Request } from 'express';

export type Audience = 'staff' | 'citizen';

export interface OidcClientSettings {
  /** Read lazily: in development the provider starts after the server knows its own port. */
  issuer: () => string;
  clientId: string;
  clientSecret: string;
}

/**
 * openid-client's strategy does PKCE (S256) and verifies the ID token; we also send state and
 * nonce, which it then checks on the callback (it stores whatever the authorization URL carries).
 */
class StrictStrategy extends Strategy {
  override authorizationRequestParams<TOptions extends AuthenticateOptions>(req: Request, options: TOptions) {
    const params = new URLSearchParams(super.authorizationRequestParams(req, options));
    params.set('state', client.randomState());
    params.set('nonce', client.randomNonce());
    return params;
  }
}

export interface SignedInClaims {
  sub: string;
  name?: string;
  email?: string;
  pid?: string;
  idToken: string;
}

/** One OIDC client per audience, discovered on first use and then kept. */
export class OidcClients {
  private configs = new Map<Audience, Promise<client.Configuration>>();

  constructor(private readonly settings: Record<Audience, OidcClientSettings>) {}

  config(audience: Audience): Promise<client.Configuration> {
    let c = this.configs.get(audience);
    if (!c) {
      const s = this.settings[audience];
      const issuer = new URL(s.issuer());
      c = client.discovery(issuer, s.clientId, s.clientSecret, undefined, {
        // Development and test providers run on http://127.0.0.1; production issuers are https.
        execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
      });
      // A failed discovery (provider not up yet) is retried on the next sign-in.
      c.catch(() => this.configs.delete(audience));
      this.configs.set(audience, c);
    }
    return c;
  }

  async strategy(audience: Audience, callbackURL: string): Promise<Strategy> {
    const config = await this.config(audience);
    return new StrictStrategy(
      {
        config,
        name: `oidc-${audience}`,
        scope: 'openid profile email',
        callbackURL,
        sessionKey: `oidc:${audience}`,
      },
      (tokens, verified) => {
        const claims = tokens.claims();
        if (!claims || !tokens.id_token) return verified(new Error('no ID token'));
        const user: SignedInClaims = {
          sub: claims.sub,
          name: typeof claims.name === 'string' ? claims.name : undefined,
          email: typeof claims.email === 'string' ? claims.email : undefined,
          pid: typeof claims.pid === 'string' ? claims.pid : undefined,
          idToken: tokens.id_token,
        };
        verified(null, user);
      },
    );
  }

  async endSessionUrl(
    audience: Audience,
    idToken: string | undefined,
    postLogoutRedirectUri: string,
  ): Promise<string | null> {
    const config = await this.config(audience);
    if (!config.serverMetadata().end_session_endpoint) return null;
    const params: Record<string, string> = { post_logout_redirect_uri: postLogoutRedirectUri };
    if (idToken) params.id_token_hint = idToken;
    return client.buildEndSessionUrl(config, params).href;
  }
}
