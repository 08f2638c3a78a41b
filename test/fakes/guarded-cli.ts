/**
 * The real tx CLI with the network guard preloaded and no cloud credentials or user config in
 * reach (HOME isolated, metadata-server and platform detection off): what the BigQuery,
 * Snowflake and conformance tests run, each result carrying the hosts the process tried to reach.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tx, type CliResult } from '../functional/harness.js';
import { NET_GUARD_PRELOAD } from './net-guard.js';

export interface GuardedResult extends CliResult {
  /** Hosts other than 127.0.0.1 the process tried to reach. */
  violations: string[];
}

export async function txGuarded(args: string[], cwd: string, env: Record<string, string> = {}): Promise<GuardedResult> {
  const log = join(mkdtempSync(join(tmpdir(), 'tx-netguard-')), 'violations.log');
  const home = mkdtempSync(join(tmpdir(), 'tx-home-'));
  const result = await tx(args, {
    cwd,
    env: {
      NODE_OPTIONS: `--import ${NET_GUARD_PRELOAD}`,
      TX_NET_GUARD_LOG: log,
      METADATA_SERVER_DETECTION: 'none',
      SNOWFLAKE_DISABLE_PLATFORM_DETECTION: 'true',
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
