/**
 * The CLI with a snowflake target: `tx compile` offline (no credentials, the SDK never loaded)
 * for the example project and every fixture project, its SQL checked with node-sql-parser's
 * snowflake dialect; `tx debug` against the fake service, good and bad (Ctrl-C on Snowflake:
 * test/conformance).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, copyFixture, removeDir, tx } from './harness.js';
import { FakeSnowflake } from '../fakes/snowflake/server.js';
import { writeFakeProfile } from '../fakes/snowflake/profile.js';
import { txGuarded } from '../fakes/guarded-cli.js';
import { checkSnowflakeSql, formatWarnings } from '../unit/adapter/snowflake-sql-check.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function tempDir(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), `tx-sf-${tag}-`));
  dirs.push(dir);
  return dir;
}

/** A loader hook that refuses to load snowflake-sdk: whatever runs under it provably never did. */
function blockSdkHook(): string {
  const dir = tempDir('hook');
  const hook = join(dir, 'hook.mjs');
  writeFileSync(hook, "export async function resolve(s, c, next) { if (s === 'snowflake-sdk') throw new Error('snowflake-sdk was loaded'); return next(s, c); }\n");
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`);
  return `--import ${pathToFileURL(register).href}`;
}

/** A snowflake target with no secrets, pointing nowhere reachable. */
function offlineProfile(dir: string, profile: string): void {
  writeFileSync(join(dir, 'profiles.yml'), `${profile}:\n  target: sf\n  outputs:\n    sf:\n      type: snowflake\n      account: xy12345.eu-west-1\n      user: "{{ env_var('SNOWFLAKE_USER', '') }}"\n      database: analytics\n      schema: public\n      warehouse: transforming\n      threads: 4\n`);
}

function sqlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? sqlFiles(join(dir, n)) : n.endsWith('.sql') ? [join(dir, n)] : []));
}

describe('tx compile with a snowflake target, offline', () => {
  const hook = blockSdkHook();
  // Every fixture that compiles offline on DuckDB too (introspection reads the warehouse while
  // compiling, packages needs `tx deps`, errors and static_errors are meant to fail).
  const projects = ['example_project', 'basic', 'contracts', 'data_tests', 'incremental', 'microbatch', 'overrides', 'slow', 'snapshots', 'test_overrides', 'unit_tests', 'versions'];

  it.each(projects)('%s compiles to Snowflake SQL without credentials or the SDK', async (name) => {
    const dir = name === 'example_project' ? tempDir('example') : copyFixture(name);
    if (name === 'example_project') cpSync(join(REPO, 'example_project'), dir, { recursive: true, filter: (src) => !/[\\/](target|logs)([\\/]|$)/.test(src) });
    else dirs.push(dir);
    const profile = /^profile:\s*['"]?(\w+)/m.exec(readFileSync(join(dir, 'dbt_project.yml'), 'utf8'))?.[1] ?? name;
    offlineProfile(dir, profile);
    const r = await tx(['compile'], { cwd: dir, env: { NODE_OPTIONS: hook } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).not.toContain('snowflake-sdk was loaded');
    const files = sqlFiles(join(dir, 'target', 'compiled'));
    expect(files.length).toBeGreaterThan(0);
    const all = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    // dbt-snowflake's quoting: relations unquoted (Snowflake folds them to upper case).
    expect(all).toMatch(/\banalytics\.\w+\.\w+/);
    expect(all).not.toMatch(/"analytics"\."public/);
    // Model SQL is the project's own (DuckDB-flavoured in places): what the parser cannot read is a warning.
    const warnings = files.flatMap((f) => formatWarnings(relative(dir, f), checkSnowflakeSql(readFileSync(f, 'utf8'))));
    for (const w of warnings) console.warn(`[${name}] ${w}`);
  });

  it('still loads the SDK to connect (the hook works)', async () => {
    const dir = copyFixture('basic');
    dirs.push(dir);
    offlineProfile(dir, 'basic');
    writeFileSync(join(dir, 'profiles.yml'), readFileSync(join(dir, 'profiles.yml'), 'utf8').replace("user: \"{{ env_var('SNOWFLAKE_USER', '') }}\"", 'user: me\n      password: pw\n      host: 127.0.0.1\n      port: 9\n      protocol: http\n      connect_retries: 0'));
    const r = await tx(['debug'], { cwd: dir, env: { NODE_OPTIONS: hook } });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('snowflake-sdk was loaded');
  });
});

describe('tx debug against Snowflake (fake service)', () => {
  let fake: FakeSnowflake;
  beforeAll(async () => {
    fake = await FakeSnowflake.start({ warehouses: ['TRANSFORMING', 'LOCKED_WH'] });
  });
  afterAll(() => fake.stop());

  function project(extra: Record<string, unknown>): string {
    const dir = tempDir('debug');
    writeFileSync(join(dir, 'dbt_project.yml'), "name: sfcli\nversion: '1.0.0'\nconfig-version: 2\nprofile: sfcli\n");
    writeFakeProfile(dir, 'sfcli', fake, extra);
    return dir;
  }

  it('reports a working connection without printing secrets', async () => {
    const r = await txGuarded(['debug'], project({}));
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.violations).toEqual([]);
    expect(r.stdout).toContain('adapter type: snowflake');
    expect(r.stdout).toContain('account: fake_account');
    expect(r.stdout).toContain('password: ***');
    expect(r.stdout).not.toContain('tx-password');
    expect(r.stdout).toContain('Connection test: [OK connection ok]');
  });

  it.each([
    [{ password: 'wrong' }, "incorrect username or password for user 'tx_user' on account 'fake_account'", "check 'user' and 'password' in profiles.yml"],
    [{ account: 'not_my_account' }, 'account \'not_my_account\' was not found at http://127.0.0.1:PORT (HTTP 403)', "check 'account'"],
    [{ role: 'accountadmin' }, "role 'accountadmin' does not exist or is not granted to user 'tx_user'", 'GRANT ROLE accountadmin TO USER tx_user'],
    [{ warehouse: 'locked_wh' }, "warehouse 'locked_wh' does not exist or role 'TRANSFORMER' may not use it", 'GRANT USAGE ON WAREHOUSE locked_wh TO ROLE TRANSFORMER'],
    [{ password: null }, "snowflake profile: 'password' is required to connect", "set 'password'"],
  ])('explains what is wrong: %j', async (extra, message, hint) => {
    const r = await txGuarded(['debug'], project(extra));
    expect(r.code).toBe(1);
    expect(r.violations).toEqual([]);
    expect(r.stdout).toContain(`Connection test: [ERROR] ${message.replace('PORT', String(fake.port))}`);
    expect(r.stdout).toContain('  hint: ');
    expect(r.stdout).toContain(hint);
    expect(r.stderr).toBe('');
  });
});
