/** dbt-duckdb profile keys → normalised TargetCredentials (pure: no driver). */
import { basename, extname } from 'node:path';
import type { TargetCredentials } from '../../src/adapter/types.js';
import { TxCodes, TxError } from '../../src/errors/tx-error.js';

export interface DuckDBCredentials extends TargetCredentials {
  type: 'duckdb';
  path: string;
  database: string;
  extensions: string[];
  settings: Record<string, string | number | boolean>;
}

/** dbt-duckdb keys we accept without acting on them (so real profiles load unchanged). */
const IGNORED_KEYS = new Set([
  'external_root', 'use_credential_provider', 'attach', 'filesystems', 'plugins', 'secrets',
  'module_paths', 'disable_transactions', 'keep_open', 'config_options', 'retries', 'is_motherduck',
  'remote', 'motherduck_token', 'token', 'catalog', 'threads', 'schema', 'database', 'path', 'type',
  'extensions', 'settings', 'target_name', 'profile_name',
]);

function invalid(key: string, message: string): TxError {
  return new TxError({ code: TxCodes.ProfileInvalid, message: `duckdb profile: '${key}' ${message}` });
}

/** DuckDB names an attached file database after the file's stem; ':memory:' is 'memory'. */
export function databaseNameForPath(path: string): string {
  if (path === ':memory:' || path === '') return 'memory';
  if (path.startsWith(':memory:')) return path.slice(':memory:'.length) || 'memory';
  if (path.startsWith('md:') || path.startsWith('motherduck:')) return path.split(':')[1]?.split('?')[0] || 'my_db';
  return basename(path, extname(path));
}

export function resolveDuckDBCredentials(raw: Record<string, unknown>): DuckDBCredentials {
  const path = raw['path'] ?? ':memory:';
  if (typeof path !== 'string') throw invalid('path', 'must be a string');
  const derived = databaseNameForPath(path);
  const database = raw['database'] ?? derived;
  if (typeof database !== 'string') throw invalid('database', 'must be a string');
  // dbt-duckdb rejects a database that disagrees with the file it opens (unless attached).
  if (database !== derived && !Array.isArray(raw['attach'])) {
    throw invalid('database', `is '${database}' but path '${path}' opens database '${derived}'`);
  }
  const schema = raw['schema'] ?? 'main';
  if (typeof schema !== 'string' || schema === '') throw invalid('schema', 'must be a non-empty string');
  const threads = raw['threads'] ?? 1;
  if (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1) {
    throw invalid('threads', 'must be a positive integer');
  }
  const extensions = normaliseExtensions(raw['extensions']);
  const settings = normaliseSettings(raw['settings']);
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (!IGNORED_KEYS.has(k)) rest[k] = v;
  return { ...rest, type: 'duckdb', path, database, schema, threads, extensions, settings };
}

function normaliseExtensions(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalid('extensions', 'must be a list');
  return v.map((e, i) => {
    if (typeof e === 'string') return e;
    // dbt-duckdb also allows {name, repo}; we never download, so only the name matters.
    if (e !== null && typeof e === 'object' && typeof (e as { name?: unknown }).name === 'string') {
      return (e as { name: string }).name;
    }
    throw invalid(`extensions[${i}]`, 'must be a name or {name: ...}');
  });
}

function normaliseSettings(v: unknown): Record<string, string | number | boolean> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw invalid('settings', 'must be a mapping');
  const out: Record<string, string | number | boolean> = {};
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (typeof val !== 'string' && typeof val !== 'number' && typeof val !== 'boolean') {
      throw invalid(`settings.${k}`, 'must be a string, number or boolean');
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw invalid(`settings.${k}`, 'is not a valid setting name');
    out[k] = val;
  }
  return out;
}

/** Top-level keys whose values are secret; nested settings are handled by redactCredentials. */
export const duckdbSecretKeys: readonly string[] = ['secrets', 'motherduck_token', 'token', 'password'];
