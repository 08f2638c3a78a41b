/**
 * Running the real tx CLI against the fake: project copies, profiles pointing at the fake, and
 * every child process started with the network guard preloaded (its violations collected).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tx, type CliResult } from '../../functional/harness.js';
import { NET_GUARD_PRELOAD } from './net-guard.js';

export const BQ_PROJECT_DIR = fileURLToPath(new URL('./project', import.meta.url));

export function copyProject(from: string = BQ_PROJECT_DIR, prefix = 'tx-bq-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(from, dir, { recursive: true, filter: (src) => !/[\\/](target|logs|dbt_packages)([\\/]|$)/.test(src) });
  return dir;
}

/** Writes profiles.yml with one bigquery target `bq` (values as YAML via JSON). */
export function writeProfile(dir: string, profile: string, fields: Record<string, unknown>): void {
  const lines = Object.entries({ type: 'bigquery', ...fields }).map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`);
  writeFileSync(join(dir, 'profiles.yml'), [`${profile}:`, '  target: bq', '  outputs:', '    bq:', ...lines, ''].join('\n'));
}

export interface GuardedResult extends CliResult {
  /** Hosts other than 127.0.0.1 the process tried to reach. */
  violations: string[];
}

/** tx with the network guard preloaded, no cloud credentials in reach, and HOME isolated. */
export async function txBq(args: string[], cwd: string, env: Record<string, string> = {}): Promise<GuardedResult> {
  const log = join(mkdtempSync(join(tmpdir(), 'tx-netguard-')), 'violations.log');
  const home = mkdtempSync(join(tmpdir(), 'tx-home-'));
  const result = await tx(args, {
    cwd,
    env: {
      NODE_OPTIONS: `--import ${NET_GUARD_PRELOAD}`,
      TX_NET_GUARD_LOG: log,
      METADATA_SERVER_DETECTION: 'none',
      GOOGLE_APPLICATION_CREDENTIALS: '',
      BIGQUERY_EMULATOR_HOST: '',
      HOME: home,
      CLOUDSDK_CONFIG: join(home, 'gcloud'),
      ...env,
    },
  });
  const violations = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  return { ...result, violations };
}
