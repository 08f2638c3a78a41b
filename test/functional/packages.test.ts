/**
 * Packages end to end: `tx deps` installs a local package (symlink), a git repository at a tag
 * (and a subdirectory), a tarball URL and a hub package resolved by version range — all from
 * this machine (a local git repository and a local HTTP server) — and writes package-lock.yml.
 * A dbt_utils-style package then builds on real DuckDB: namespaced macros, run_query,
 * get_columns_in_relation, dispatch with the root project's override, package vars and configs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, query, tx } from './harness.js';

const PACKAGE = join(FIXTURES, '..', 'packages', 'tx_utils');
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

describe('packages', () => {
  let root: string;
  let project: string;
  let server: Server;
  let hub: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tx-packages-'));
    project = join(root, 'project');
    cpSync(join(FIXTURES, 'packages'), project, { recursive: true });
    cpSync(PACKAGE, join(root, 'tx_utils'), { recursive: true });
    // A git repository holding the package in a subdirectory, tagged v0.3.0.
    const repo = join(root, 'repo');
    cpSync(PACKAGE, join(repo, 'pkgs', 'tx_utils'), { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { stdio: 'pipe' });
    git('init', '-q');
    git('-c', 'user.email=t@x', '-c', 'user.name=t', 'add', '.');
    git('-c', 'user.email=t@x', '-c', 'user.name=t', 'commit', '-qm', 'tx_utils 0.3.0');
    git('tag', 'v0.3.0');
    // A tarball of the package and a hub index listing three versions of it.
    execFileSync('tar', ['-czf', join(root, 'tx_utils.tar.gz'), '-C', root, 'tx_utils']);
    const tarball = readFileSync(join(root, 'tx_utils.tar.gz'));
    server = createServer((req, res) => {
      if (req.url === '/tx_utils.tar.gz') return res.writeHead(200).end(tarball);
      if (req.url === '/api/v1/tx-labs/tx_utils.json') {
        const v = (n: string) => ({ name: 'tx_utils', version: n, downloads: { tarball: `${hub}tx_utils.tar.gz` } });
        return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name: 'tx_utils', versions: { '0.2.0': v('0.2.0'), '0.3.0': v('0.3.0'), '1.0.0': v('1.0.0') } }));
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    hub = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => {
    server.close();
    rmSync(root, { recursive: true, force: true });
  });

  const writePackages = (yaml: string) => {
    writeFileSync(join(project, 'packages.yml'), yaml);
    rmSync(join(project, 'package-lock.yml'), { force: true });
  };
  const deps = (...args: string[]) => tx(['deps', ...args], { cwd: project, env: { DBT_PACKAGE_HUB_URL: hub } });

  it('installs a local package as a link and writes package-lock.yml', async () => {
    const res = await deps();
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Installing file://../tx_utils');
    expect(lstatSync(join(project, 'dbt_packages', 'tx_utils')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(project, 'package-lock.yml'), 'utf8')).toMatch(/packages:\n {2}- local: \.\.\/tx_utils\nsha1_hash: [0-9a-f]{40}/);
  });

  it('builds models that use the package on real DuckDB', async () => {
    const res = await tx(['build'], { cwd: project });
    expect(res.stdout).toMatch(/Done\. PASS=9 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=9/);
    const db = join(project, 'target', 'packages_fixture.duckdb');
    // union_relations: every column once, null where a relation lacks it, the source relation named.
    expect(await query(db, "select id, status, note from main.all_orders where _dbt_source_relation like '%orders_b%' order by id")).toEqual([
      { id: 10, status: null, note: 'gift' }, { id: 11, status: null, note: null },
    ]);
    // star(except=…) from get_columns_in_relation; pivot over get_column_values (run_query).
    expect(await query(db, "select column_name from information_schema.columns where table_name = 'order_star' order by ordinal_position")).toEqual([{ column_name: 'id' }, { column_name: 'amount' }]);
    expect(await query(db, 'select placed::int as placed, returned::int as returned, shipped::int as shipped from main.status_pivot')).toEqual([{ placed: 2, returned: 1, shipped: 1 }]);
    expect(await query(db, "select count(*)::int as n from main.unpivoted where field_name = 'status'")).toEqual([{ n: 4 }]);
    expect(await query(db, 'select sk from main.keyed where id = 1')).toEqual([{ sk: md5('1-placed') }]);
    // dispatch: the root project's duckdb__generate_series is searched before the package's.
    expect(readFileSync(join(project, 'target/compiled/packages_fixture/models/series.sql'), 'utf8')).toContain('packages_fixture override');
    expect(await query(db, 'select count(*)::int as n from main.series')).toEqual([{ n: 5 }]);
    // The package's own model: its var overridden by the root project, its schema set by the root.
    expect(await query(db, 'select count(*)::int as n from main_utils.tx_utils_calendar')).toEqual([{ n: 10 }]);
  });

  it('installs from a git repository at a tag, from a subdirectory, and locks the commit', async () => {
    writePackages(`packages:\n  - git: ${join(root, 'repo')}\n    revision: v0.3.0\n    subdirectory: pkgs/tx_utils\n`);
    const res = await deps();
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Installed from revision v0.3.0');
    expect(existsSync(join(project, 'dbt_packages', 'tx_utils', 'macros', 'star.sql'))).toBe(true);
    const sha = execFileSync('git', ['-C', join(root, 'repo'), 'rev-parse', 'HEAD']).toString().trim();
    expect(readFileSync(join(project, 'package-lock.yml'), 'utf8')).toContain(`revision: ${sha}`);
  });

  it('resolves a hub package by version range and downloads its tarball', async () => {
    writePackages('packages:\n  - package: tx-labs/tx_utils\n    version: [">=0.2.0", "<1.0.0"]\n');
    const res = await deps();
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Installed from version 0.3.0');
    expect(readFileSync(join(project, 'package-lock.yml'), 'utf8')).toContain('version: 0.3.0');
    expect(existsSync(join(project, 'dbt_packages', 'tx_utils', 'dbt_project.yml'))).toBe(true);
    const none = await tx(['deps'], { cwd: project, env: { DBT_PACKAGE_HUB_URL: hub } });
    expect(none.code).toBe(0); // the lock matches: the locked version is installed again
    writePackages('packages:\n  - package: tx-labs/tx_utils\n    version: ">=2.0.0"\n');
    const bad = await deps();
    expect(bad.code).toBe(2);
    expect(bad.stderr + bad.stdout).toContain('no version of tx-labs/tx_utils satisfies >=2.0.0 (available: 0.2.0, 0.3.0, 1.0.0)');
  });

  it('installs a tarball URL', async () => {
    writePackages(`packages:\n  - tarball: ${hub}tx_utils.tar.gz\n    name: tx_utils\n`);
    const res = await deps();
    expect(res.code).toBe(0);
    expect(existsSync(join(project, 'dbt_packages', 'tx_utils', 'macros', 'pivot.sql'))).toBe(true);
  });
});
