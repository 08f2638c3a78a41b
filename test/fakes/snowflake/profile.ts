/** Credentials and profiles.yml targets pointing tx at a running FakeSnowflake. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeSnowflake } from './server.js';

/** The profile keys of the fake's default user, as dbt-snowflake spells them. */
export function fakeProfile(fake: FakeSnowflake, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'snowflake',
    account: fake.config.account,
    user: 'tx_user',
    password: 'tx-password',
    role: 'transformer',
    database: 'analytics',
    warehouse: 'transforming',
    schema: 'public',
    threads: 4,
    host: '127.0.0.1',
    port: fake.port,
    protocol: 'http',
    connect_timeout: 10,
    ...extra,
  };
}

function yamlValue(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** Writes <dir>/profiles.yml with one snowflake target `sf` for `profile`. */
export function writeFakeProfile(dir: string, profile: string, fake: FakeSnowflake, extra: Record<string, unknown> = {}): void {
  const keys = Object.entries(fakeProfile(fake, extra)).filter(([, v]) => v !== undefined && v !== null);
  const lines = [`${profile}:`, '  target: sf', '  outputs:', '    sf:', ...keys.map(([k, v]) => `      ${k}: ${yamlValue(v)}`)];
  writeFileSync(join(dir, 'profiles.yml'), `${lines.join('\n')}\n`);
}

/** The SDK probes cloud metadata endpoints when it loads; tests talk to 127.0.0.1 only. */
export const SDK_ENV = { SNOWFLAKE_DISABLE_PLATFORM_DETECTION: 'true' } as const;
