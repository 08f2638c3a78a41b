/** dbt-bigquery profile keys → normalised credentials (pure: no SDK). */
import type { TargetCredentials } from '../../src/adapter/types.js';
import { TxCodes, TxError } from '../../src/errors/tx-error.js';

export const METHODS = ['oauth', 'service-account', 'service-account-json', 'oauth-secrets'] as const;
export type BigQueryMethod = (typeof METHODS)[number];

export interface BigQueryCredentials extends TargetCredentials {
  type: 'bigquery';
  method: BigQueryMethod;
  /** The project relations live in (dbt's `project`, alias `database`). */
  database: string;
  /** The default dataset (dbt's `dataset`, alias `schema`). */
  schema: string;
  /** dbt-bigquery's names for database and schema, as templates read them (`target.project`). */
  project: string;
  dataset: string;
  threads: number;
  /** Where jobs run (e.g. US, EU, europe-west1); null lets BigQuery pick from the data. */
  location: string | null;
  priority: 'interactive' | 'batch';
  /** Seconds a job may run before it is cancelled; null: no limit. */
  job_execution_timeout_seconds: number | null;
  /** Extra attempts of a job that failed with a retryable error. */
  job_retries: number;
  /** Seconds after which no further retry starts; null: no deadline. */
  job_retry_deadline_seconds: number | null;
  maximum_bytes_billed: number | null;
  impersonate_service_account: string | null;
  /** The project jobs run and are billed in; defaults to `project`. */
  execution_project: string;
  keyfile: string | null;
  keyfile_json: Record<string, unknown> | null;
  token: string | null;
  refresh_token: string | null;
  client_id: string | null;
  client_secret: string | null;
  token_uri: string | null;
  scopes: string[];
  quota_project: string | null;
  /** tx's key for emulators and tests: the API root instead of https://bigquery.googleapis.com. */
  api_endpoint: string | null;
}

const KNOWN_KEYS = new Set([
  'type', 'method', 'project', 'database', 'dataset', 'schema', 'threads', 'location', 'priority',
  'job_execution_timeout_seconds', 'timeout_seconds', 'job_retries', 'retries', 'job_retry_deadline_seconds',
  'maximum_bytes_billed', 'impersonate_service_account', 'execution_project', 'keyfile', 'keyfile_json',
  'token', 'refresh_token', 'client_id', 'client_secret', 'token_uri', 'scopes', 'quota_project', 'api_endpoint',
]);

type Raw = Record<string, unknown>;

function invalid(key: string, message: string, hint?: string): TxError {
  return new TxError({ code: TxCodes.ProfileInvalid, message: `bigquery profile: '${key}' ${message}`, hint });
}

function pick(raw: Raw, keys: string[]): [string, unknown] {
  for (const k of keys) if (raw[k] !== undefined && raw[k] !== null) return [k, raw[k]];
  return [keys[0] ?? '', undefined];
}

function optionalString(raw: Raw, keys: string[]): string | null {
  const [key, v] = pick(raw, keys);
  if (v === undefined) return null;
  if (typeof v !== 'string' && typeof v !== 'number') throw invalid(key, 'must be a string');
  return String(v);
}

function requiredString(raw: Raw, keys: string[], hint: string): string {
  const v = optionalString(raw, keys);
  if (v === null || v === '') throw invalid(keys[0] ?? '', 'is required', hint);
  return v;
}

/** A non-negative number (YAML may give it as a string, e.g. from env_var()). */
function optionalNumber(raw: Raw, keys: string[], integer: boolean): number | null {
  const [key, v] = pick(raw, keys);
  if (v === undefined) return null;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
    throw invalid(key, `must be a ${integer ? 'non-negative integer' : 'non-negative number'}, got ${JSON.stringify(v)}`);
  }
  return n;
}

function keyfileJson(raw: Raw): Record<string, unknown> | null {
  const v = raw['keyfile_json'];
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') {
    try {
      const parsed: unknown = JSON.parse(v);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // falls through to the error below
    }
    throw invalid('keyfile_json', 'must be a mapping (or a JSON object string) holding the service account key');
  }
  if (typeof v !== 'object' || Array.isArray(v)) throw invalid('keyfile_json', 'must be a mapping holding the service account key');
  return v as Record<string, unknown>;
}

function methodOf(raw: Raw): BigQueryMethod {
  const m = raw['method'] ?? 'oauth';
  if (typeof m !== 'string' || !(METHODS as readonly string[]).includes(m)) {
    throw invalid('method', `is ${JSON.stringify(m)}`, `use one of ${METHODS.join(', ')}`);
  }
  return m as BigQueryMethod;
}

/** What each method needs, checked up front so `tx debug` names the missing key. */
function checkMethod(method: BigQueryMethod, c: Pick<BigQueryCredentials, 'keyfile' | 'keyfile_json' | 'token' | 'refresh_token' | 'client_id' | 'client_secret'>): void {
  if (method === 'service-account' && c.keyfile === null) {
    throw invalid('keyfile', "is required with method 'service-account'", 'give the path of the service account JSON key');
  }
  if (method === 'service-account-json' && c.keyfile_json === null) {
    throw invalid('keyfile_json', "is required with method 'service-account-json'", 'give the service account key as a mapping (or use env_var())');
  }
  if (method === 'oauth-secrets') {
    if (c.token === null && c.refresh_token === null) {
      throw invalid('token', "or 'refresh_token' is required with method 'oauth-secrets'");
    }
    if (c.refresh_token !== null && (c.client_id === null || c.client_secret === null)) {
      throw invalid(c.client_id === null ? 'client_id' : 'client_secret', "is required to use 'refresh_token'");
    }
  }
}

export function resolveBigQueryCredentials(raw: Raw): BigQueryCredentials {
  const method = methodOf(raw);
  const database = requiredString(raw, ['project', 'database'], "add 'project:' (the GCP project id) to the bigquery target");
  const schema = requiredString(raw, ['dataset', 'schema'], "add 'dataset:' to the bigquery target");
  const priority = optionalString(raw, ['priority']) ?? 'interactive';
  if (priority !== 'interactive' && priority !== 'batch') throw invalid('priority', `is '${priority}'`, 'use interactive or batch');
  const threads = optionalNumber(raw, ['threads'], true) ?? 1;
  if (threads < 1) throw invalid('threads', 'must be at least 1');
  const scopes = raw['scopes'];
  if (scopes !== undefined && scopes !== null && !(Array.isArray(scopes) && scopes.every((s) => typeof s === 'string'))) {
    throw invalid('scopes', 'must be a list of scope URLs');
  }
  const secrets = {
    keyfile: optionalString(raw, ['keyfile']),
    keyfile_json: keyfileJson(raw),
    token: optionalString(raw, ['token']),
    refresh_token: optionalString(raw, ['refresh_token']),
    client_id: optionalString(raw, ['client_id']),
    client_secret: optionalString(raw, ['client_secret']),
  };
  checkMethod(method, secrets);
  const rest: Raw = {};
  for (const [k, v] of Object.entries(raw)) if (!KNOWN_KEYS.has(k)) rest[k] = v;
  return {
    ...rest,
    ...secrets,
    type: 'bigquery',
    method,
    database,
    schema,
    project: database,
    dataset: schema,
    threads,
    location: optionalString(raw, ['location']),
    priority,
    job_execution_timeout_seconds: optionalNumber(raw, ['job_execution_timeout_seconds', 'timeout_seconds'], false),
    // dbt-bigquery's default: one retry.
    job_retries: optionalNumber(raw, ['job_retries', 'retries'], true) ?? 1,
    job_retry_deadline_seconds: optionalNumber(raw, ['job_retry_deadline_seconds'], false),
    maximum_bytes_billed: optionalNumber(raw, ['maximum_bytes_billed'], true),
    impersonate_service_account: optionalString(raw, ['impersonate_service_account']),
    execution_project: optionalString(raw, ['execution_project']) ?? database,
    token_uri: optionalString(raw, ['token_uri']),
    scopes: Array.isArray(scopes) ? (scopes as string[]) : [],
    quota_project: optionalString(raw, ['quota_project']),
    api_endpoint: optionalString(raw, ['api_endpoint']),
  };
}

/** Never shown in logs, `target`, or artifacts. */
export const bigquerySecretKeys: readonly string[] = ['keyfile_json', 'token', 'refresh_token', 'client_secret'];
