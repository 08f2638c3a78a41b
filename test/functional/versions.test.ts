/**
 * Model versions on real DuckDB: one node and one relation per version (`<name>_v<N>`), refs to
 * the latest or a pinned version, tests per version, deprecation warnings, and breaking changes
 * to a versioned contract (an error, as dbt).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, query, readJson, removeDir, tx, type CliResult } from './harness.js';

describe('model versions on DuckDB', () => {
  let dir: string;
  let db: string;
  let build: CliResult;
  beforeAll(async () => {
    dir = copyFixture('versions');
    db = join(dir, 'target', 'versions.duckdb');
    build = await tx(['build'], { cwd: dir });
  });
  afterAll(() => removeDir(dir));

  it('builds one relation per version, named <name>_v<N>', async () => {
    expect(build.code, build.stdout + build.stderr).toBe(0);
    expect(build.stdout).toMatch(/OK created sql table model main\.dim_customers_v1 /);
    expect(build.stdout).toMatch(/OK created sql table model main\.dim_customers_v2 /);
    expect(build.stdout).toMatch(/OK created sql view model main\.dim_customers_v3 /);
    const rels = await query(db, "select table_name, table_type from information_schema.tables where table_name like 'dim_customers%' order by 1");
    expect(rels).toEqual([
      { table_name: 'dim_customers_v1', table_type: 'BASE TABLE' },
      { table_name: 'dim_customers_v2', table_type: 'BASE TABLE' },
      { table_name: 'dim_customers_v3', table_type: 'VIEW' },
    ]);
  });

  it('ref() without a version reads the latest version; v= and version= pin one', async () => {
    expect(await query(db, 'select * from main.consumer_latest order by id')).toEqual([{ id: 1, full_name: 'Alice A.' }, { id: 2, full_name: 'Bob B.' }]);
    expect(await query(db, 'select * from main.consumer_v1 order by id')).toEqual([{ id: 1, name: 'alice' }, { id: 2, name: 'bob' }]);
    expect(await query(db, 'select * from main.consumer_v3 order by id')).toEqual([{ id: 1, name: 'alice' }]);
  });

  it('runs the model\'s tests on every version, named with _v<N>', () => {
    for (const v of [1, 2, 3]) {
      expect(build.stdout).toMatch(new RegExp(`PASS not_null_dim_customers_v${v}_id `));
      expect(build.stdout).toMatch(new RegExp(`PASS unique_dim_customers_v${v}_id `));
    }
  });

  it('warns about a version past its deprecation date and the models that still ref it', () => {
    expect(build.stderr).toContain('models/dim_customers_v1.sql: warning TX0507: Model dim_customers.v1 has passed its deprecation date of 2020-01-01T00:00:00+00:00. This model should be disabled or removed.');
    expect(build.stderr).toContain("models/consumer_v1.sql: warning TX0507: While compiling 'consumer_v1': Found a reference to versions.dim_customers.v1, which was deprecated on '2020-01-01T00:00:00+00:00'. A new version of 'dim_customers' is available. Migrate now: {{ ref('dim_customers', v='2') }}.");
  });

  it('records versions in the manifest as dbt does', () => {
    const nodes = readJson(join(dir, 'target', 'manifest.json'))['nodes'] as Record<string, Record<string, unknown>>;
    const v1 = nodes['model.versions.dim_customers.v1']!;
    const v2 = nodes['model.versions.dim_customers.v2']!;
    expect([v1['name'], v1['version'], v1['latest_version'], v1['alias'], v1['fqn'], v1['deprecation_date']])
      .toEqual(['dim_customers', 1, 2, 'dim_customers_v1', ['versions', 'dim_customers', 'v1'], '2020-01-01T00:00:00+00:00']);
    expect([v2['original_file_path'], v2['description'], Object.keys(v2['columns'] as object)])
      .toEqual(['models/dim_customers.sql', 'Customers with their full name.', ['id', 'country', 'full_name']]);
    expect((v1['contract'] as Record<string, unknown>)['checksum']).toBe('1693906fe702c0080aff5cc3ad9cbaebf6210e16b004574b69fff5ad83ddd10f');
    expect(nodes['model.versions.consumer_v1']!['refs']).toEqual([{ name: 'dim_customers', package: null, version: 1 }]);
    expect(nodes['model.versions.consumer_latest']!['depends_on']).toEqual({ macros: [], nodes: ['model.versions.dim_customers.v2'] });
    const test = Object.entries(nodes).find(([id]) => id.startsWith('test.versions.not_null_dim_customers_v2_id.'))![1];
    expect(test['refs']).toEqual([{ name: 'dim_customers', package: null, version: '2' }]);
    expect(test['attached_node']).toBe('model.versions.dim_customers.v2');
    expect((test['test_metadata'] as Record<string, Record<string, unknown>>)['kwargs']!['model']).toBe("{{ get_where_subquery(ref('dim_customers', version='2')) }}");
  });

  it('runs a unit test once per tested version, honouring versions: include/exclude', () => {
    expect(build.stdout).toMatch(/PASS dim_customers::two_customers_v1 \.+ \[PASS/);
    expect(build.stdout).toMatch(/PASS dim_customers::two_customers_v2 \.+ \[PASS/);
    expect(build.stdout).toMatch(/PASS dim_customers::prerelease_keeps_alice_v3 \.+ \[PASS/);
    expect(build.stdout).not.toMatch(/two_customers_v3|prerelease_keeps_alice_v[12]/);
    // An input ref('dim_customers') is the latest version, as in the model.
    expect(build.stdout).toMatch(/PASS consumer_latest::reads_the_latest_version /);
    const ut = readJson(join(dir, 'target', 'manifest.json'))['unit_tests'] as Record<string, Record<string, unknown>>;
    expect(Object.keys(ut).sort()).toEqual([
      'unit_test.versions.consumer_latest.reads_the_latest_version',
      'unit_test.versions.dim_customers.prerelease_keeps_alice_v3',
      'unit_test.versions.dim_customers.two_customers_v1',
      'unit_test.versions.dim_customers.two_customers_v2',
    ]);
    const v2 = ut['unit_test.versions.dim_customers.two_customers_v2']!;
    expect([v2['name'], v2['version'], v2['versions'], v2['depends_on']])
      .toEqual(['two_customers', 2, { include: null, exclude: [3] }, { macros: [], nodes: ['model.versions.dim_customers.v2'] }]);
  });

  it('test_name: selects a unit test by its name, every version of it', async () => {
    const res = await tx(['ls', '--select', 'test_name:two_customers', '--output', 'json', '--output-keys', 'unique_id'], { cwd: dir });
    expect(res.stdout.trim().split('\n').filter((l) => l.startsWith('{'))).toEqual([
      '{"unique_id": "unit_test.versions.dim_customers.two_customers_v1"}',
      '{"unique_id": "unit_test.versions.dim_customers.two_customers_v2"}',
    ]);
  });

  it('selects by version', async () => {
    const res = await tx(['ls', '--select', 'version:latest', '--resource-type', 'model'], { cwd: dir });
    expect(res.stdout.trim().split('\n').filter((l) => !/No profiles/.test(l))).toEqual(['versions.dim_customers.v2']);
  });
});

describe('model version errors', () => {
  it('a ref to a version that does not exist names the versions there are', async () => {
    const dir = copyFixture('versions');
    try {
      writeFileSync(join(dir, 'models', 'consumer_v1.sql'), "select id from {{ ref('dim_customers', v=7) }}\n");
      const res = await tx(['parse'], { cwd: dir });
      expect(res.code).toBe(2);
      expect(res.stderr).toContain("models/consumer_v1.sql:1:19: error TX0301: ref('dim_customers', v=7) not found: model 'consumer_v1' depends on a node named 'dim_customers' with version '7' which was not found");
      expect(res.stderr).toContain("hint: 'dim_customers' has versions 1, 2, 3");
    } finally {
      removeDir(dir);
    }
  });

  it('a unit test naming versions the model does not have, or versions of an unversioned model, is an error', async () => {
    const dir = copyFixture('versions');
    try {
      const yml = join(dir, 'models', 'unit_tests.yml');
      writeFileSync(yml, readFileSync(yml, 'utf8').replace('include: [3]', 'include: [9]').replace('model: consumer_latest', 'model: consumer_latest\n    versions: {exclude: [1]}'));
      const res = await tx(['parse'], { cwd: dir });
      expect(res.code).toBe(2);
      expect(res.stderr).toContain("error TX0803: Unit test 'prerelease_keeps_alice' referenced a version of 'dim_customers' which was not found.");
      expect(res.stderr).toContain("error TX0803: Unit test 'reads_the_latest_version' should not have a versions include or exclude when referencing non-versioned model 'consumer_latest'");
    } finally {
      removeDir(dir);
    }
  });

  it('deleting a contracted version is an error, unless it is past its deprecation date (--state)', async () => {
    const dir = copyFixture('versions');
    try {
      expect((await tx(['parse'], { cwd: dir })).code).toBe(0);
      mkdirSync(join(dir, 'state'));
      cpSync(join(dir, 'target', 'manifest.json'), join(dir, 'state', 'manifest.json'));
      // Version 1 (deprecated since 2020) and version 3 go, with what refers to them.
      for (const f of ['dim_customers_v1.sql', 'consumer_v1.sql', 'dim_customers_next.sql', 'consumer_v3.sql']) rmSync(join(dir, 'models', f));
      const yml = join(dir, 'models', 'schema.yml');
      writeFileSync(yml, readFileSync(yml, 'utf8').replace(/      - v: 1\n        deprecation_date: 2020-01-01\n/, '').replace(/      - v: 3\n[\s\S]*$/, ''));
      const tests = join(dir, 'models', 'unit_tests.yml');
      writeFileSync(tests, readFileSync(tests, 'utf8').replace(/  - name: prerelease_keeps_alice\n[\s\S]*?(?=  - name: reads_the_latest_version)/, '').replace('exclude: [3]', 'exclude: [1]'));
      const res = await tx(['parse', '--state', 'state'], { cwd: dir });
      expect(res.code, res.stderr).toBe(2);
      expect(res.stderr).toContain([
        'models/dim_customers_next.sql: error TX0505: Breaking Change to Contract in model dim_customers.v3 (models/dim_customers_next.sql)',
        'While comparing to previous project state, dbt detected a breaking change to an enforced contract.',
        "  - Contracted model 'model.versions.dim_customers.v3' was deleted or renamed.",
        'Consider making an additive (non-breaking) change instead, if possible.',
      ].join('\n'));
      expect(res.stderr).not.toContain("'model.versions.dim_customers.v1'");
    } finally {
      removeDir(dir);
    }
  });

  it('a breaking change to a versioned contract is an error (--state)', async () => {
    const dir = copyFixture('versions');
    try {
      expect((await tx(['parse'], { cwd: dir })).code).toBe(0);
      mkdirSync(join(dir, 'state'));
      cpSync(join(dir, 'target', 'manifest.json'), join(dir, 'state', 'manifest.json'));
      const yml = join(dir, 'models', 'schema.yml');
      writeFileSync(yml, readFileSync(yml, 'utf8').replace('      - name: country\n        data_type: varchar\n', '      - name: country\n        data_type: text\n'));
      const res = await tx(['parse', '--state', 'state'], { cwd: dir });
      expect(res.code).toBe(2);
      expect(res.stderr).toContain([
        'models/dim_customers_v1.sql: error TX0505: Breaking Change to Contract in model dim_customers.v1 (models/dim_customers_v1.sql)',
        'While comparing to previous project state, dbt detected a breaking change to an enforced contract.',
        '  - Columns with data_type changes: ',
        '    - country (varchar -> text)',
        'Consider making an additive (non-breaking) change instead, if possible.',
      ].join('\n'));
      expect(res.stderr).toContain('error TX0505: Breaking Change to Contract in model dim_customers.v2');
    } finally {
      removeDir(dir);
    }
  });
});
