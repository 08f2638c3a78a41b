/** dbt-postgres profile keys → normalised credentials (pure: no driver). */
import type { TargetCredentials } from '../../src/adapter/types.js';
import { TxCodes, TxError } from '../../src/errors/tx-error.js';

export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

export interface PostgresCredentials extends TargetCredentials {
  type: 'postgres';
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  schema: string;
  threads: number;
  /** Seconds; 0 leaves the OS default (dbt-postgres' default). */
  keepalives_idle: number;
  /** Seconds to wait for a connection (dbt-postgres' default: 10). */
  connect_timeout: number;
  sslmode: SslMode | null;
  sslcert: string | null;
  sslkey: string | null;
  sslrootcert: string | null;
  search_path: string | null;
  role: string | null;
  /** Extra connection attempts after a transient failure (refused, timed out). */
  retries: number;
  application_name: string;
}

/** dbt-postgres keys tx knows; anything else is kept (and ignored) so real profiles load. */
const KNOWN_KEYS = new Set([
  'type', 'host', 'port', 'user', 'username', 'password', 'pass', 'dbname', 'database', 'schema', 'threads',
  'keepalives_idle', 'connect_timeout', 'sslmode', 'sslcert', 'sslkey', 'sslrootcert', 'search_path', 'role',
  'retries', 'application_name',
]);

function invalid(key: string, message: string, hint?: string): TxError {
  return new TxError({ code: TxCodes.ProfileInvalid, message: `postgres profile: '${key}' ${message}`, hint });
}

type Raw = Record<string, unknown>;

/** First of several alias keys that is set (dbt accepts `pass` for `password`, `dbname` for `database`). */
function pick(raw: Raw, keys: string[]): [string, unknown] {
  for (const k of keys) if (raw[k] !== undefined && raw[k] !== null) return [k, raw[k]];
  return [keys[0] ?? '', undefined];
}

function requiredString(raw: Raw, keys: string[]): string {
  const [key, v] = pick(raw, keys);
  if (v === undefined) throw invalid(keys[0] ?? key, 'is required', `add '${keys[0]}:' to the postgres target in profiles.yml`);
  if (typeof v !== 'string' && typeof v !== 'number') throw invalid(key, 'must be a string');
  const s = String(v);
  if (s === '') throw invalid(key, 'must not be empty');
  return s;
}

function optionalString(raw: Raw, keys: string[]): string | null {
  const [key, v] = pick(raw, keys);
  if (v === undefined) return null;
  if (typeof v !== 'string' && typeof v !== 'number') throw invalid(key, 'must be a string');
  return String(v);
}

function integer(raw: Raw, key: string, dflt: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = raw[key] ?? dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw invalid(key, `must be an integer${max < Number.MAX_SAFE_INTEGER ? ` from ${min} to ${max}` : ` of at least ${min}`}, got ${JSON.stringify(v)}`);
  }
  return v;
}

export function resolvePostgresCredentials(raw: Raw): PostgresCredentials {
  const host = requiredString(raw, ['host']);
  const user = requiredString(raw, ['user', 'username']);
  const database = requiredString(raw, ['dbname', 'database']);
  const schema = requiredString(raw, ['schema']);
  const [dbKeyA, dbKeyB] = [raw['dbname'], raw['database']];
  if (dbKeyA !== undefined && dbKeyB !== undefined && dbKeyA !== null && dbKeyB !== null && String(dbKeyA) !== String(dbKeyB)) {
    throw invalid('database', `is '${String(dbKeyB)}' but 'dbname' is '${String(dbKeyA)}'`, 'set only one of them');
  }
  const password = optionalString(raw, ['password', 'pass']) ?? '';
  const sslmode = optionalString(raw, ['sslmode']);
  if (sslmode !== null && !(SSL_MODES as readonly string[]).includes(sslmode)) {
    throw invalid('sslmode', `is '${sslmode}'`, `use one of ${SSL_MODES.join(', ')}`);
  }
  const rest: Raw = {};
  for (const [k, v] of Object.entries(raw)) if (!KNOWN_KEYS.has(k)) rest[k] = v;
  return {
    ...rest,
    type: 'postgres',
    host,
    port: integer(raw, 'port', 5432, 1, 65535),
    user,
    password,
    database,
    schema,
    threads: integer(raw, 'threads', 1, 1),
    keepalives_idle: integer(raw, 'keepalives_idle', 0, 0),
    connect_timeout: integer(raw, 'connect_timeout', 10, 0),
    sslmode: sslmode as SslMode | null,
    sslcert: optionalString(raw, ['sslcert']),
    sslkey: optionalString(raw, ['sslkey']),
    sslrootcert: optionalString(raw, ['sslrootcert']),
    search_path: optionalString(raw, ['search_path']),
    role: optionalString(raw, ['role']),
    retries: integer(raw, 'retries', 1, 0),
    application_name: optionalString(raw, ['application_name']) ?? 'tx',
  };
}

/** Never shown in logs, `target`, or artifacts. */
export const postgresSecretKeys: readonly string[] = ['password', 'pass'];
