/**
 * profiles.yml, found and read as dbt does. Directory precedence (dbt docs):
 *   --profiles-dir → DBT_PROFILES_DIR → current directory → ~/.dbt
 * tx also looks in the project directory (after cwd), which equals cwd in the usual case
 * and makes `--project-dir elsewhere` work with a project-local profiles.yml.
 * An explicitly named directory (flag or env) without a profiles.yml is an error, as in dbt.
 * Only the chosen target's output is rendered (dbt does the same: an env_var missing in
 * an unused target must not fail the run).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TxError, TxCodes, type SourceLoc } from '../errors/tx-error.js';
import { didYouMeanHint } from '../util/did-you-mean.js';
import { parseYamlFile } from './yaml-file.js';
import { renderTree, isRecord, hasJinja, type RenderFn } from './dbt-project.js';

export const PROFILES_FILE = 'profiles.yml';

export interface ResolvedProfile {
  profileName: string;
  targetName: string;
  /** The chosen target's dict, rendered and coerced. */
  outputs: Record<string, unknown>;
  file: string;
  loc: SourceLoc;
}

export interface ResolveProfileOptions {
  projectDir: string;
  /** --profiles-dir */
  profilesDir?: string;
  env: Record<string, string | undefined>;
  homeDir: string;
  /** The invocation's working directory; relative --profiles-dir resolves against it. */
  cwd?: string;
  /** --profile, else dbt_project.yml `profile:`. */
  profileName: string | null;
  /** --target */
  targetName?: string;
  render: RenderFn;
}

/** Keys whose rendered values dbt's credential classes expect as numbers / booleans. */
const NUMERIC_KEYS = new Set([
  'threads', 'port', 'connect_timeout', 'keepalives_idle', 'retries', 'connect_retries',
  'job_retries', 'job_execution_timeout_seconds', 'timeout_seconds', 'login_timeout', 'maximum_bytes_billed',
]);
const BOOLEAN_KEYS = new Set([
  'client_session_keep_alive', 'reuse_connections', 'retry_all', 'insecure_mode', 'retry_on_database_errors',
  'use_ssl', 'sslverify', 'ssl', 'encrypt', 'trust_cert', 'autocommit', 'priority_batch', 'execute_as_owner',
]);

/** The profiles.yml path dbt would read, or null when none exists in the implicit locations. */
export function findProfilesFile(opts: Pick<ResolveProfileOptions, 'projectDir' | 'profilesDir' | 'env' | 'homeDir' | 'cwd'>): string | null {
  const base = opts.cwd ?? opts.projectDir;
  const explicit = opts.profilesDir ?? (opts.env['DBT_PROFILES_DIR'] || undefined);
  if (explicit !== undefined) {
    const file = path.join(path.resolve(base, explicit), PROFILES_FILE);
    if (fs.existsSync(file)) return file;
    const via = opts.profilesDir !== undefined ? '--profiles-dir' : 'DBT_PROFILES_DIR';
    throw new TxError({
      code: TxCodes.ProfileNotFound,
      message: `no ${PROFILES_FILE} found at ${file} (from ${via})`,
      hint: `create it there, or drop ${via} to use the project directory or ~/.dbt`,
    });
  }
  const candidates = [opts.cwd, opts.projectDir, path.join(opts.homeDir, '.dbt')];
  for (const dir of candidates) {
    if (dir === undefined) continue;
    const file = path.join(path.resolve(dir), PROFILES_FILE);
    if (fs.existsSync(file)) return file;
  }
  return null;
}

export function resolveProfile(opts: ResolveProfileOptions): ResolvedProfile | null {
  const file = findProfilesFile(opts);
  if (file === null || opts.profileName === null) return null;
  const yaml = parseYamlFile(file, fs.readFileSync(file, 'utf8'));
  const doc = yaml.value ?? {};
  const invalid = (message: string, kp: (string | number)[], hint?: string): TxError =>
    new TxError({ code: TxCodes.ProfileInvalid, message, loc: yaml.locOf(kp), hint });
  if (!isRecord(doc)) throw invalid(`${PROFILES_FILE} must be a mapping of profile names to profiles`, []);

  const name = opts.profileName;
  // `config:` is global settings (send_anonymous_usage_stats, …), not a profile.
  const available = Object.keys(doc).filter((k) => k !== 'config');
  const profile = name === 'config' ? undefined : doc[name];
  if (profile === undefined) {
    const dym = didYouMeanHint(name, available);
    const list = available.length > 0 ? `available profiles: ${available.join(', ')}` : 'the file defines no profiles';
    throw new TxError({
      code: TxCodes.ProfileNotFound,
      message: `profile '${name}' not found in ${file}`,
      loc: { file, line: 1, col: 1 },
      hint: dym ? `${dym} (${list})` : list,
    });
  }
  if (!isRecord(profile)) throw invalid(`profile '${name}' must be a mapping with 'target' and 'outputs'`, [name]);
  const outputs = profile['outputs'];
  if (!isRecord(outputs) || Object.keys(outputs).length === 0) {
    throw invalid(`profile '${name}' has no outputs`, [name, 'outputs'], "add an 'outputs:' mapping with at least one target");
  }

  let targetName: string;
  if (opts.targetName !== undefined) {
    targetName = opts.targetName;
  } else {
    const t = profile['target'];
    const rendered = typeof t === 'string' && hasJinja(t) ? opts.render(t, yaml.valueLocOf([name, 'target'])) : t;
    targetName = rendered === undefined || rendered === null ? 'default' : String(rendered);
  }
  const target = outputs[targetName];
  if (target === undefined) {
    const dym = didYouMeanHint(targetName, Object.keys(outputs));
    throw new TxError({
      code: TxCodes.ProfileNotFound,
      message: `target '${targetName}' not found in profile '${name}'`,
      loc: yaml.locOf([name, 'outputs']),
      hint: `${dym ? `${dym} ` : ''}(available targets: ${Object.keys(outputs).join(', ')})`,
    });
  }
  if (!isRecord(target)) throw invalid(`target '${targetName}' in profile '${name}' must be a mapping`, [name, 'outputs', targetName]);

  const rendered = renderTree(target, [name, 'outputs', targetName], yaml, opts.render, () => true) as Record<string, unknown>;
  for (const [k, v] of Object.entries(rendered)) rendered[k] = coerce(k, v);
  const type = rendered['type'];
  if (typeof type !== 'string' || type === '') {
    throw invalid(`target '${targetName}' in profile '${name}' is missing 'type'`, [name, 'outputs', targetName],
      'set type to the adapter name, e.g. duckdb, postgres, bigquery or snowflake');
  }
  return { profileName: name, targetName, outputs: rendered, file, loc: yaml.locOf([name, 'outputs', targetName]) };
}

/** env_var() always yields strings; credentials need `port: 5432`, not `'5432'`. */
function coerce(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const s = value.trim();
  if (NUMERIC_KEYS.has(key) && /^-?\d+$/.test(s)) return Number(s);
  if (BOOLEAN_KEYS.has(key) && /^(true|false)$/i.test(s)) return s.toLowerCase() === 'true';
  return value;
}
