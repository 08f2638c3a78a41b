/**
 * The fake's side of Google auth: service accounts whose self-signed JWTs it verifies (RS256,
 * with the account's public key), OAuth refresh tokens it exchanges at /token, and the access
 * tokens it issued. Every API request must carry one of them, as BigQuery requires.
 */
import { createVerify, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

export interface ServiceAccountKey {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  token_uri: string;
}

export interface OAuthClient {
  client_id: string;
  client_secret: string;
  refresh_token: string;
}

export type AuthResult = { ok: true; principal: string; method: 'jwt' | 'token' } | { ok: false; why: string };

function b64urlJson(part: string): Record<string, unknown> | null {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export class FakeAuth {
  private readonly keys = new Map<string, KeyObject>();
  private readonly refresh = new Map<string, OAuthClient & { principal: string }>();
  private readonly tokens = new Map<string, string>();
  /** Every successful authentication, for tests: which principal, by which means. */
  readonly log: { principal: string; method: string }[] = [];

  /** A new service account: its key file as Google issues it (private key inside). */
  serviceAccount(email: string, project: string, tokenUri: string): ServiceAccountKey {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.keys.set(email, publicKey);
    return {
      type: 'service_account',
      project_id: project,
      private_key_id: randomBytes(8).toString('hex'),
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: email,
      client_id: '1000',
      token_uri: tokenUri,
    };
  }

  /** An OAuth client with a refresh token for `principal` (oauth-secrets). */
  oauthClient(principal: string): OAuthClient {
    const c = { client_id: `client-${randomBytes(4).toString('hex')}`, client_secret: randomBytes(8).toString('hex'), refresh_token: `1//${randomBytes(12).toString('hex')}` };
    this.refresh.set(c.refresh_token, { ...c, principal });
    return c;
  }

  /** An access token accepted as `principal` (e.g. a profile's `token`). */
  issue(principal: string): string {
    const t = `ya29.fake-${randomBytes(12).toString('hex')}`;
    this.tokens.set(t, principal);
    return t;
  }

  /** POST /token (grant_type=refresh_token). */
  exchange(form: URLSearchParams): { status: number; body: Record<string, unknown> } {
    const entry = this.refresh.get(form.get('refresh_token') ?? '');
    if (form.get('grant_type') !== 'refresh_token' || !entry || entry.client_id !== form.get('client_id') || entry.client_secret !== form.get('client_secret')) {
      return { status: 400, body: { error: 'invalid_grant', error_description: 'Bad Request' } };
    }
    return { status: 200, body: { access_token: this.issue(entry.principal), expires_in: 3599, token_type: 'Bearer', scope: 'https://www.googleapis.com/auth/bigquery' } };
  }

  /** Verifies `Authorization: Bearer …`: an issued token, or a JWT signed by a known service account. */
  check(header: string | undefined): AuthResult {
    const m = /^Bearer (.+)$/.exec(header ?? '');
    if (!m) return { ok: false, why: 'no bearer token' };
    const token = m[1]!;
    const known = this.tokens.get(token);
    if (known !== undefined) {
      this.log.push({ principal: known, method: 'token' });
      return { ok: true, principal: known, method: 'token' };
    }
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, why: 'unknown token' };
    const header64 = parts[0]!;
    const claims = b64urlJson(parts[1]!);
    const head = b64urlJson(header64);
    if (!claims || !head || head['alg'] !== 'RS256') return { ok: false, why: 'not an RS256 JWT' };
    const key = this.keys.get(String(claims['iss']));
    if (!key) return { ok: false, why: `unknown service account ${String(claims['iss'])}` };
    const verify = createVerify('RSA-SHA256');
    verify.update(`${header64}.${parts[1]}`);
    if (!verify.verify(key, Buffer.from(parts[2]!, 'base64url'))) return { ok: false, why: 'bad JWT signature' };
    const now = Date.now() / 1000;
    if (typeof claims['exp'] !== 'number' || claims['exp'] < now) return { ok: false, why: 'expired JWT' };
    if (!claims['scope'] && !claims['aud']) return { ok: false, why: 'JWT without scope or audience' };
    const principal = String(claims['sub'] ?? claims['iss']);
    this.log.push({ principal, method: 'jwt' });
    return { ok: true, principal, method: 'jwt' };
  }
}
