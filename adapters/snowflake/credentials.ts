/**
 * dbt-snowflake profile keys → normalised credentials. Resolving is pure; loadPrivateKey reads
 * the key file, and is called only when connecting.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { TargetCredentials } from '../../src/adapter/types.js';
import { TxCodes, TxError } from '../../src/errors/tx-error.js';

export const AUTHENTICATORS = ['snowflake', 'externalbrowser', 'oauth', 'username_password_mfa', 'snowflake_jwt', 'programmatic_access_token'] as const;

export interface SnowflakeCredentials extends TargetCredentials {
  type: 'snowflake';
  account: string;
  /** '' when the profile names none (checked when connecting). */
  user: string;
  password: string | null;
  /** Lower case; an Okta URL (https://…okta.com) is kept as given. */
  authenticator: string;
  private_key_path: string | null;
  private_key: string | null;
  private_key_passphrase: string | null;
  /** OAuth access token (authenticator: oauth). */
  token: string | null;
  role: string | null;
  database: string;
  warehouse: string | null;
  schema: string;
  threads: number;
  client_session_keep_alive: boolean;
  query_tag: string | null;
  /** Extra attempts after a transient failure to connect. */
  connect_retries: number;
  /** Seconds to wait for the login. */
  connect_timeout: number;
  /** Reuse a thread's session across nodes (dbt-snowflake's reuse_connections); tx always does. */
  reuse_connections: boolean;
  /** Where the service is, when not <account>.snowflakecomputing.com (proxies, private links, tests). */
  host: string | null;
  port: number | null;
  protocol: 'https' | 'http';
}

/** dbt-snowflake keys tx knows; anything else is kept (and ignored) so real profiles load. */
const KNOWN_KEYS = new Set([
  'type', 'account', 'user', 'username', 'password', 'pass', 'authenticator', 'private_key_path', 'private_key',
  'private_key_passphrase', 'token', 'role', 'database', 'dbname', 'warehouse', 'schema', 'threads',
  'client_session_keep_alive', 'query_tag', 'connect_retries', 'connect_timeout', 'reuse_connections', 'host',
  'port', 'protocol',
]);

type Raw = Record<string, unknown>;

function invalid(key: string, message: string, hint?: string): TxError {
  return new TxError({ code: TxCodes.ProfileInvalid, message: `snowflake profile: '${key}' ${message}`, hint });
}

function str(raw: Raw, keys: string[]): string | null {
  for (const k of keys) {
    const v = raw[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string' && typeof v !== 'number') throw invalid(k, 'must be a string');
    return String(v);
  }
  return null;
}

function required(raw: Raw, keys: string[]): string {
  const v = str(raw, keys);
  if (v === null || v === '') throw invalid(keys[0] ?? '', 'is required', `add '${keys[0]}:' to the snowflake target in profiles.yml`);
  return v;
}

function int(raw: Raw, key: string, dflt: number, min: number): number {
  const v = raw[key] ?? dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw invalid(key, `must be an integer of at least ${min}, got ${JSON.stringify(v)}`);
  return v;
}

function bool(raw: Raw, key: string, dflt: boolean): boolean {
  const v = raw[key] ?? dflt;
  if (typeof v !== 'boolean') throw invalid(key, `must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

/** The authenticator to use: explicit, or implied by a private key (key-pair) or a password. */
function authenticatorOf(raw: Raw, hasKey: boolean): string {
  const given = str(raw, ['authenticator']);
  if (given === null) return hasKey ? 'snowflake_jwt' : 'snowflake';
  const lower = given.toLowerCase();
  if (/^https:\/\/[^/]+\.okta(preview)?\.com\/?$/i.test(given)) return given;
  if (!(AUTHENTICATORS as readonly string[]).includes(lower)) {
    throw invalid('authenticator', `is '${given}'`, `use one of ${AUTHENTICATORS.join(', ')}, or your Okta URL (https://<org>.okta.com)`);
  }
  return lower;
}

/**
 * Pure and lenient like dbt-snowflake's credentials: only what names the target (account,
 * database, schema) is required, so `tx compile` works with a profile whose secrets are not
 * set. Authentication is checked when connecting (checkAuthentication).
 */
export function resolveSnowflakeCredentials(raw: Raw): SnowflakeCredentials {
  const account = required(raw, ['account']);
  const database = required(raw, ['database', 'dbname']);
  const schema = required(raw, ['schema']);
  const privateKeyPath = str(raw, ['private_key_path']);
  const privateKey = str(raw, ['private_key']);
  if (privateKeyPath !== null && privateKey !== null) throw invalid('private_key', "and 'private_key_path' are both set", 'keep one of them');
  const authenticator = authenticatorOf(raw, privateKeyPath !== null || privateKey !== null);
  const protocol = (str(raw, ['protocol']) ?? 'https').toLowerCase();
  if (protocol !== 'https' && protocol !== 'http') throw invalid('protocol', `is '${protocol}'`, 'use https (or http for a local test server)');
  const port = raw['port'] === undefined || raw['port'] === null ? null : int(raw, 'port', 443, 1);
  const rest: Raw = {};
  for (const [k, v] of Object.entries(raw)) if (!KNOWN_KEYS.has(k)) rest[k] = v;
  return {
    ...rest,
    type: 'snowflake',
    account,
    user: str(raw, ['user', 'username']) ?? '',
    password: str(raw, ['password', 'pass']),
    authenticator,
    private_key_path: privateKeyPath,
    private_key: privateKey,
    private_key_passphrase: str(raw, ['private_key_passphrase']),
    token: str(raw, ['token']),
    role: str(raw, ['role']),
    database,
    warehouse: str(raw, ['warehouse']),
    schema,
    threads: int(raw, 'threads', 1, 1),
    client_session_keep_alive: bool(raw, 'client_session_keep_alive', false),
    query_tag: str(raw, ['query_tag']),
    connect_retries: int(raw, 'connect_retries', 1, 0),
    connect_timeout: int(raw, 'connect_timeout', 10, 0),
    reuse_connections: bool(raw, 'reuse_connections', true),
    host: str(raw, ['host']),
    port,
    protocol,
  };
}

/** What a login needs, checked before connecting: the user, and the secret its authenticator uses. */
export function checkAuthentication(c: SnowflakeCredentials): void {
  if (c.user === '') throw invalid('user', 'is required to connect', "add 'user:' to the snowflake target in profiles.yml");
  const a = c.authenticator;
  if ((a === 'snowflake' || a === 'username_password_mfa') && c.password === null) {
    throw invalid('password', 'is required to connect', "set 'password' (env_var() keeps it out of the file), or 'private_key_path' for key-pair authentication");
  }
  if (a === 'snowflake_jwt' && c.private_key_path === null && c.private_key === null) {
    throw invalid('private_key_path', 'is required for key-pair authentication', "set 'private_key_path' (or 'private_key')");
  }
  if ((a === 'oauth' && c.token === null) || (a === 'programmatic_access_token' && c.token === null && c.password === null)) {
    throw invalid('token', `is required with authenticator: ${a}`, 'set the access token in `token`');
  }
}

/** Never shown in logs, `target`, or artifacts. */
export const snowflakeSecretKeys: readonly string[] = ['password', 'pass', 'private_key', 'private_key_passphrase', 'token'];

function keyError(message: string, cause?: unknown): TxError {
  return new TxError({
    code: TxCodes.ConnectionFailed,
    message,
    hint: "check 'private_key_path' / 'private_key' and 'private_key_passphrase' in profiles.yml",
    cause,
  });
}

/**
 * The private key as unencrypted PKCS#8 PEM (what the SDK signs its login JWT with), from
 * private_key_path or private_key (PEM, or base64 DER as dbt-snowflake accepts), decrypted
 * with private_key_passphrase when it is encrypted.
 */
export function loadPrivateKey(c: SnowflakeCredentials, projectDir: string): string | null {
  let source: string | Buffer;
  if (c.private_key_path !== null) {
    const path = isAbsolute(c.private_key_path) ? c.private_key_path : resolve(projectDir, c.private_key_path);
    try {
      source = readFileSync(path);
    } catch (e) {
      throw keyError(`cannot read the private key file ${path}: ${(e as Error).message}`, e);
    }
  } else if (c.private_key !== null) {
    source = c.private_key.includes('-----BEGIN') ? c.private_key : Buffer.from(c.private_key, 'base64');
  } else {
    return null;
  }
  const pem = typeof source === 'string' || source.includes('-----BEGIN');
  try {
    const key = createPrivateKey(pem
      ? { key: source, format: 'pem', passphrase: c.private_key_passphrase ?? undefined }
      : { key: source, format: 'der', type: 'pkcs8', passphrase: c.private_key_passphrase ?? undefined });
    return key.export({ format: 'pem', type: 'pkcs8' }).toString();
  } catch (e) {
    const msg = (e as Error).message;
    const encrypted = source.includes('ENCRYPTED');
    if (encrypted || /passphrase|decrypt|interrupted or cancelled/i.test(msg)) {
      throw keyError(c.private_key_passphrase === null
        ? 'the private key is encrypted and no private_key_passphrase is set'
        : 'the private key could not be decrypted: wrong private_key_passphrase?', e);
    }
    throw keyError(`the private key could not be read: ${msg}`, e);
  }
}
