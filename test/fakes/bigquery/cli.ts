/**
 * Running the real tx CLI against the fake: project copies, profiles pointing at the fake, and
 * every child process started with the network guard preloaded (its violations collected).
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { txGuarded, type GuardedResult } from '../guarded-cli.js';

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

export type { GuardedResult } from '../guarded-cli.js';

/** tx with the network guard preloaded, no cloud credentials in reach, and HOME isolated. */
export function txBq(args: string[], cwd: string, env: Record<string, string> = {}): Promise<GuardedResult> {
  return txGuarded(args, cwd, env);
}
