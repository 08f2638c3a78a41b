/** `tx debug` against Postgres (good and bad profiles) and tables rebuilt under views. (Ctrl-C on Postgres: test/conformance.) */
import { afterAll, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDir, tx } from './harness.js';
import { PG, describePg, dropSchemas, pgQuery, uniqueSchema, writePgProfile } from './pg-helpers.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/** A tiny project with one model, for tx debug. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tx-pg-cli-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'dbt_project.yml'), "name: pgcli\nversion: '1.0.0'\nconfig-version: 2\nprofile: pgcli\nmodels:\n  pgcli:\n    +materialized: table\n");
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'models', 'quick.sql'), 'select 1 as ok\n');
  return dir;
}

describePg('tx debug on Postgres', () => {
  const schema = uniqueSchema('debug');

  it('reports a working connection without printing the password', async () => {
    const dir = project();
    writePgProfile(dir, 'pgcli', { schema, extra: { password: 'hunter2-secret' } });
    const r = await tx(['debug'], { cwd: dir });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('adapter type: postgres');
    expect(r.stdout).toContain(`host: ${PG.host}`);
    expect(r.stdout).toContain('password: ***');
    expect(r.stdout).not.toContain('hunter2-secret');
    expect(r.stdout).toContain('Connection test: [OK connection ok]');
  });

  it('explains a database that does not exist, with a hint', async () => {
    const dir = project();
    writePgProfile(dir, 'pgcli', { schema, extra: { dbname: 'tx_missing_db' } });
    const r = await tx(['debug'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Connection test: [ERROR] database 'tx_missing_db' does not exist on ${PG.host}:${PG.port}`);
    expect(r.stdout).toContain('hint: create it (createdb tx_missing_db) or fix \'dbname\' in profiles.yml');
    expect(r.stderr).toBe('');
  });

  it('explains a wrong port, with a hint', async () => {
    const dir = project();
    writePgProfile(dir, 'pgcli', { schema, extra: { port: 1, retries: 0 } });
    const t0 = Date.now();
    const r = await tx(['debug'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Connection test: [ERROR] connection refused by ${PG.host}:1: nothing is listening there`);
    expect(r.stdout).toContain("hint: check that Postgres is running and 'host'/'port' are right (the default port is 5432)");
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('explains an unknown host', async () => {
    const dir = project();
    writePgProfile(dir, 'pgcli', { schema, extra: { host: 'no-such-host.invalid', retries: 0 } });
    const r = await tx(['debug'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Connection test: [ERROR] unknown host 'no-such-host.invalid': the name does not resolve");
  });
});

describePg('rebuilding tables that views read, on Postgres', () => {
  const schema = uniqueSchema('chain');
  afterAll(() => dropSchemas(schema));

  it('rebuilds a table, the view reading it and a view on that view, run after run', async () => {
    // Swapping `base` drops its backup with cascade, which drops v1 and v2 as well: their own
    // swaps must not fail on the views the snapshot listed (dbt's cache handles this the same way).
    const dir = mkdtempSync(join(tmpdir(), 'tx-pg-chain-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'dbt_project.yml'), "name: chain\nversion: '1.0.0'\nconfig-version: 2\nprofile: chain\n");
    mkdirSync(join(dir, 'models'));
    writeFileSync(join(dir, 'models', 'base.sql'), "{{ config(materialized='table') }}\nselect 1 as id\n");
    writeFileSync(join(dir, 'models', 'v1.sql'), "select * from {{ ref('base') }}\n");
    writeFileSync(join(dir, 'models', 'v2.sql'), "select * from {{ ref('v1') }}\n");
    writePgProfile(dir, 'chain', { schema });
    for (let i = 0; i < 3; i++) {
      const r = await tx(['run'], { cwd: dir });
      expect(r.stdout, r.stdout + r.stderr).toMatch(/Done\. PASS=3 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=3/);
    }
    expect(await pgQuery(`select id from "${schema}".v2`)).toEqual([{ id: 1 }]);
  });
});
