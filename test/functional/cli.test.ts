/** CLI surface: init, clean, debug, --version, --log-format json, --threads, --fail-fast, --quiet. */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, copyFixture, readJson, removeDir, tx } from './harness.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));
const fixture = (name: string) => {
  const d = copyFixture(name);
  dirs.push(d);
  return d;
};

describe('tx CLI', () => {
  it('prints its version and help', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    const v = await tx(['--version'], { cwd: REPO });
    expect(v.stdout.trim()).toBe(pkg.version);
    const h = await tx(['--help'], { cwd: REPO });
    for (const cmd of ['parse', 'compile', 'run', 'seed', 'build', 'ls', 'debug', 'clean', 'init']) expect(h.stdout).toContain(`tx ${cmd}`);
  });

  it('init creates a project that builds, and clean removes target/', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tx-init-'));
    dirs.push(root);
    const init = await tx(['init', 'shop'], { cwd: root });
    expect(init.code).toBe(0);
    const dir = join(root, 'shop');
    const build = await tx(['build'], { cwd: dir });
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/PASS=2/);
    expect(existsSync(join(dir, 'target'))).toBe(true);
    const clean = await tx(['clean'], { cwd: dir });
    expect(clean.code).toBe(0);
    expect(existsSync(join(dir, 'target'))).toBe(false);
  });

  it('debug checks the connection and never prints secrets', async () => {
    const dir = fixture('basic');
    const r = await tx(['debug'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Connection test: [OK connection ok]');
    expect(r.stdout).toContain('type: duckdb');
  });

  it('--log-format json prints one JSON object per line with dbt event names', async () => {
    const dir = fixture('basic');
    const r = await tx(['build', '--log-format', 'json', '--select', 'customers'], { cwd: dir });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { info: { name: string; msg: string; invocation_id: string } });
    const names = lines.map((l) => l.info.name);
    expect(names).toContain('LogStartLine');
    expect(names).toContain('LogSeedResult');
    expect(names).toContain('StatsLine');
    expect(new Set(lines.map((l) => l.info.invocation_id)).size).toBe(1);
  });

  it('runs independent nodes in parallel up to --threads', async () => {
    const dir = fixture('basic');
    await tx(['seed'], { cwd: dir });
    const r = await tx(['run', '--threads', '3'], { cwd: dir });
    expect(r.code).toBe(0);
    const rr = readJson(join(dir, 'target', 'run_results.json')) as { results: { thread_id: string }[]; args: { threads: number } };
    expect(rr.args.threads).toBe(3);
    expect(new Set(rr.results.map((x) => x.thread_id)).size).toBeGreaterThan(1);
  });

  it('--fail-fast stops at the first failure', async () => {
    const dir = fixture('basic');
    await tx(['seed'], { cwd: dir });
    const r = await tx(['run', '--threads', '1', '--fail-fast', '--vars', '{break_fragile: true}'], { cwd: dir });
    expect(r.code).toBe(1);
    const rr = readJson(join(dir, 'target', 'run_results.json')) as { results: { unique_id: string; status: string }[] };
    expect(rr.results.find((x) => x.unique_id === 'model.basic.fragile')?.status).toBe('error');
    expect(rr.results.filter((x) => x.status === 'skipped').length).toBeGreaterThan(0);
  });

  it('reads dbt\'s DBT_* environment variables for flags the command line leaves unset', async () => {
    const dir = fixture('basic');
    await tx(['seed'], { cwd: dir });
    const r = await tx(['run', '--threads', '1', '--vars', '{break_fragile: true}'], { cwd: dir, env: { DBT_FAIL_FAST: 'true' } });
    expect(r.code).toBe(1);
    const rr = readJson(join(dir, 'target', 'run_results.json')) as { results: { status: string }[] };
    expect(rr.results.filter((x) => x.status === 'skipped').length).toBeGreaterThan(0);
    // The command line wins over the environment.
    const noFailFast = await tx(['run', '--threads', '1', '--no-fail-fast', '--vars', '{break_fragile: true}'], { cwd: dir, env: { DBT_FAIL_FAST: '1' } });
    const again = readJson(join(dir, 'target', 'run_results.json')) as { results: { status: string }[] };
    expect(noFailFast.code).toBe(1);
    expect(again.results.filter((x) => x.status === 'skipped').length).toBeLessThan(rr.results.filter((x) => x.status === 'skipped').length);
    const bad = await tx(['run'], { cwd: dir, env: { DBT_FAIL_FAST: 'maybe' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Invalid value for '--fail-fast' (from DBT_FAIL_FAST): 'maybe' is not a valid boolean");
  });

  it('--quiet keeps only errors and the summary', async () => {
    const dir = fixture('basic');
    const r = await tx(['build', '--quiet'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('START');
  });
});
