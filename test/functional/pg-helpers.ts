/**
 * Test helpers for the real Postgres at 127.0.0.1:5432 (trust auth, user postgres, database
 * `test`; TX_TEST_PG_HOST/PORT/USER/DATABASE override). Each test works in its own schema and
 * drops it (and its `<schema>_*` custom schemas) afterwards. When the server is unreachable the
 * suites skip with a message, except under CI=true, where they fail.
 */
import { describe, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

export const PG = {
  host: process.env['TX_TEST_PG_HOST'] ?? '127.0.0.1',
  port: Number(process.env['TX_TEST_PG_PORT'] ?? 5432),
  user: process.env['TX_TEST_PG_USER'] ?? 'postgres',
  database: process.env['TX_TEST_PG_DATABASE'] ?? 'test',
};

async function probe(): Promise<string | null> {
  const client = new pg.Client({ ...PG, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message || String(e) : String(e);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Null when Postgres answers; otherwise why not. Probed once per test file. */
export const pgUnavailable: string | null = await probe();

const notice = (): string =>
  `Postgres at ${PG.host}:${PG.port} (user ${PG.user}, database ${PG.database}) is unreachable: ${pgUnavailable}. `
  + 'Start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`.';

/** describe() that needs Postgres: skipped with a message when it is down, failing instead under CI=true. */
export function describePg(name: string, body: () => void): void {
  if (pgUnavailable === null) {
    describe(name, body);
    return;
  }
  if (process.env['CI'] === 'true') {
    describe(name, () => {
      it('needs a reachable Postgres (CI=true: not skipping)', () => {
        throw new Error(notice());
      });
    });
    return;
  }
  console.warn(`[skip] ${name}: ${notice()}`);
  describe.skip(name, body);
}

let counter = 0;
/** A fresh, lower-case schema name, unique across parallel test files and runs. */
export function uniqueSchema(tag: string): string {
  counter += 1;
  return `tx_${tag}_${process.pid}_${Date.now().toString(36)}_${counter}`.toLowerCase();
}

export async function pgQuery(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client(PG);
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

/** Drops `schema` and every `<schema>_*` schema (dbt's custom schemas) with what they hold. */
export async function dropSchemas(schema: string): Promise<void> {
  const rows = await pgQuery(
    "select nspname from pg_namespace where nspname = $1 or left(nspname, length($1) + 1) = $1 || '_'",
    [schema],
  );
  for (const r of rows) await pgQuery(`drop schema if exists "${String(r['nspname'])}" cascade`);
}

export interface ProfileOptions {
  schema: string;
  threads?: number;
  /** Overrides, e.g. {dbname: 'nope'} or {port: 1}. */
  extra?: Record<string, string | number>;
}

/** Writes profiles.yml for `profile` with a single postgres target `pg`. */
export function writePgProfile(dir: string, profile: string, opts: ProfileOptions): void {
  const fields: Record<string, string | number> = {
    type: 'postgres', host: PG.host, port: PG.port, user: PG.user, password: '', dbname: PG.database,
    schema: opts.schema, threads: opts.threads ?? 4, ...opts.extra,
  };
  const lines = Object.entries(fields).map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`);
  writeFileSync(join(dir, 'profiles.yml'), [`${profile}:`, '  target: pg', '  outputs:', '    pg:', ...lines, ''].join('\n'));
}
