// Development OpenID Connect provider (oidc-provider v9) with a Vietnamese login page.
// Dev only: http issuer, in-memory storage, plaintext passwords, keys generated at every start.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { Configuration, Interaction, JWK, KoaContextWithOIDC } from 'oidc-provider';
import type Provider from 'oidc-provider';
import { errorPage, loggedOutPage, loginPage, logoutPage } from './identity-provider-pages';
import { closeHttp, httpUrl, listen } from './net';

export interface DevUser {
  sub: string;
  name: string;
  email: string;
  password: string;
  kind: 'staff' | 'citizen';
  /** 12-digit personal identification number (citizens only). */
  pid?: string;
}

export interface DevClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

export interface IdentityProviderHandle {
  issuer: string;
  close(): Promise<void>;
}

export interface IdentityProviderOptions {
  /** 0 picks a free port. */
  port: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  clients: DevClient[];
  users: DevUser[];
}

const WRONG_CREDENTIALS = 'Sai tên đăng nhập hoặc mật khẩu';
const MAX_FORM_BYTES = 64 * 1024;

export async function startIdentityProvider(opts: IdentityProviderOptions): Promise<IdentityProviderHandle> {
  const host = opts.host ?? '127.0.0.1';
  const { default: ProviderClass } = await quietly(() => import('oidc-provider'));

  // Listen first: with port 0 the issuer URL is only known once the port is bound.
  const server = http.createServer();
  const issuer = httpUrl(host, await listen(server, opts.port, host));

  let provider: Provider;
  try {
    provider = await quietly(() => new ProviderClass(issuer, configuration(opts)));
    // Static clients are validated lazily; load them now so a bad redirect URI fails at start, not at login.
    for (const c of opts.clients) await provider.Client.find(c.clientId);
  } catch (err) {
    await closeHttp(server); // do not leave the port bound
    throw err;
  }
  provider.on('server_error', (_ctx, err) => console.error('[dev-idp] server_error', err));
  const oidcCallback = provider.callback();

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if ((req.url ?? '').startsWith('/interaction/')) {
      handleInteraction(provider, opts.users, req, res).catch((err: unknown) => interactionFailed(res, err));
    } else {
      void oidcCallback(req, res);
    }
  });

  return { issuer, close: () => closeHttp(server) };
}

function configuration(opts: IdentityProviderOptions): Configuration {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey: JWK = {
    ...privateKey.export({ format: 'jwk' }),
    kid: randomUUID(),
    alg: 'RS256',
    use: 'sig',
  };

  return {
    clients: opts.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      // Either secret method is accepted at the token endpoint whichever of the two is registered.
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    responseTypes: ['code'],
    scopes: ['openid'], // no offline_access: the dev provider issues no refresh tokens
    pkce: { required: () => true }, // v9 only implements S256
    // pid rides on `openid` so every citizen ID token carries it; the `pid` scope exists for clients that ask.
    claims: { openid: ['sub', 'pid'], profile: ['name'], email: ['email', 'email_verified'], pid: ['pid'] },
    // By default v9 puts profile claims only in userinfo when an access token is issued; we want them in the ID token.
    conformIdTokenClaims: false,
    enabledJWA: { idTokenSigningAlgValues: ['RS256'] },
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          const params = ctx.oidc.params ?? {};
          const auto =
            typeof params.id_token_hint === 'string' && typeof params.post_logout_redirect_uri === 'string';
          ctx.type = 'html';
          ctx.body = logoutPage(form, auto);
        },
        postLogoutSuccessSource: (ctx: KoaContextWithOIDC) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage();
        },
      },
    },
    findAccount: (_ctx, sub) => {
      const user = opts.users.find((u) => u.sub === sub);
      if (!user) return undefined;
      return {
        accountId: user.sub,
        // The provider filters these by the granted scopes.
        claims: () => ({
          sub: user.sub,
          name: user.name,
          email: user.email,
          email_verified: true,
          ...(user.kind === 'citizen' && user.pid ? { pid: user.pid } : {}),
        }),
      };
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out.error, out.error_description);
    },
    clientBasedCORS: () => false,
  };
}

/** Routes: GET /interaction/:uid (login form or silent consent), POST /interaction/:uid/login. */
async function handleInteraction(
  provider: Provider,
  users: DevUser[],
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const [, , uid, action] = new URL(req.url ?? '/', provider.issuer).pathname.split('/');
  const interaction = await provider.interactionDetails(req, res);
  if (interaction.uid !== uid)
    return sendHtml(res, 400, errorPage('invalid_request', 'Phiên đăng nhập không khớp.'));

  if (interaction.prompt.name === 'consent') {
    // All registered clients are first-party: grant what they asked for without a consent page.
    const grantId = await autoGrant(provider, interaction);
    return provider.interactionFinished(
      req,
      res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  }
  if (interaction.prompt.name !== 'login') {
    return sendHtml(res, 400, errorPage('unsupported_prompt', interaction.prompt.name));
  }

  const client = await provider.Client.find(String(interaction.params.client_id));
  const page = {
    action: `/interaction/${interaction.uid}/login`,
    clientName: client?.clientName ?? client?.clientId ?? '',
  };
  if (req.method === 'GET' && action === undefined) return sendHtml(res, 200, loginPage(page));
  if (req.method !== 'POST' || action !== 'login') return sendHtml(res, 405, errorPage('method_not_allowed'));

  const form = await readForm(req);
  const login = (form.get('login') ?? '').trim();
  const user = users.find((u) => u.sub === login || u.email.toLowerCase() === login.toLowerCase());
  if (!user || user.password !== form.get('password')) {
    return sendHtml(res, 200, loginPage({ ...page, login, error: WRONG_CREDENTIALS }));
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.sub } },
    { mergeWithLastSubmission: false },
  );
}

async function autoGrant(provider: Provider, interaction: Interaction): Promise<string> {
  const { details } = interaction.prompt;
  const grant =
    (interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined) ??
    new provider.Grant({
      accountId: interaction.session?.accountId,
      clientId: String(interaction.params.client_id),
    });
  const scopes = stringList(details.missingOIDCScope);
  if (scopes.length) grant.addOIDCScope(scopes.join(' '));
  const claims = stringList(details.missingOIDCClaims);
  if (claims.length) grant.addOIDCClaims(claims);
  const resources = details.missingResourceScopes;
  if (resources && typeof resources === 'object') {
    for (const [indicator, resourceScopes] of Object.entries(resources)) {
      grant.addResourceScope(indicator, stringList(resourceScopes).join(' '));
    }
  }
  return grant.save();
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_FORM_BYTES) throw new Error('form body too large');
    chunks.push(buffer);
  }
  // Decode once at the end so a multi-byte character split across chunks survives.
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendHtml(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

function interactionFailed(res: http.ServerResponse, err: unknown): void {
  // SessionNotFound: the interaction cookie is missing or expired (e.g. the login page was left open too long).
  const expired = err instanceof Error && err.name === 'SessionNotFound';
  if (!expired) console.error('[dev-idp] interaction failed', err);
  if (res.headersSent) return void res.end();
  sendHtml(
    res,
    expired ? 400 : 500,
    errorPage(
      expired ? 'session_not_found' : 'server_error',
      expired ? 'Phiên đăng nhập đã hết hạn, vui lòng thử lại từ ứng dụng.' : undefined,
    ),
  );
}

// oidc-provider warns on import when Node is older than 22 LTS (this repo supports 20.19+) and on
// construction about its in-memory adapter. Both are expected for a dev provider; hide only those two.
const EXPECTED_WARNINGS = ['Unsupported runtime', 'development-only in-memory adapter'];
let quietDepth = 0;
let originalWarn = console.warn;

async function quietly<T>(fn: () => T | Promise<T>): Promise<T> {
  if (quietDepth++ === 0) {
    originalWarn = console.warn;
    const warn = originalWarn;
    console.warn = (...args: unknown[]) => {
      const first = args[0];
      if (typeof first === 'string' && EXPECTED_WARNINGS.some((w) => first.includes(w))) return;
      warn(...args);
    };
  }
  try {
    return await fn();
  } finally {
    if (--quietDepth === 0) console.warn = originalWarn;
  }
}
