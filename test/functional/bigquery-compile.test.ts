/**
 * BigQuery targets through the CLI: `tx compile` works offline (no credentials, no network, the
 * SDK never loaded) for the example project and the fixture projects, and what it writes parses
 * with node-sql-parser's bigquery grammar; a template that reads the warehouse compiles against
 * the fake; `tx debug` says clearly what is wrong with a profile.
 */
import '../fakes/bigquery/env.js';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBigQuery } from '../fakes/bigquery/server.js';
import { copyProject, txBq, writeProfile } from '../fakes/bigquery/cli.js';
import { validateBigQuery } from '../fakes/bigquery/validate-sql.js';
import { FIXTURES, REPO, readJson, removeDir } from './harness.js';

const PROJECT = 'tx-test-project';
const OFFLINE = { method: 'oauth', project: 'my-gcp-project', dataset: 'analytics', location: 'EU', threads: 4 };

/**
 * Fixture projects and why a few statements in them are not GoogleSQL: they are DuckDB fixtures,
 * written in DuckDB's SQL on purpose. Every other compiled statement must parse.
 */
const DUCKDB_ONLY: Record<string, RegExp> = {
  contracts: /cast\(\w+ as varchar\)/,
  slow: /from range\(/,
};
/**
 * The fixtures compiled here. Left out: `errors` and `static_errors` fail to compile by design,
 * `packages` needs `tx deps`, `introspection` a warehouse (built against the fake below).
 */
const FIXTURE_NAMES = ['basic', 'contracts', 'data_tests', 'incremental', 'microbatch', 'overrides', 'slow', 'snapshots', 'test_overrides', 'unit_tests', 'versions'];

function sqlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? sqlFiles(join(dir, f)) : f.endsWith('.sql') ? [join(dir, f)] : []));
}

function profileName(dir: string): string {
  return /^profile:\s*['"]?([\w-]+)/m.exec(readFileSync(join(dir, 'dbt_project.yml'), 'utf8'))?.[1] ?? '';
}

describe('tx compile with a bigquery target, offline', () => {
  const fixtures = FIXTURE_NAMES.filter((f) => existsSync(join(FIXTURES, f, 'dbt_project.yml')));

  it.each(fixtures)('fixture %s compiles, and its SQL parses as GoogleSQL', async (name) => {
    const dir = copyProject(join(FIXTURES, name), `tx-bq-fixture-${name}-`);
    try {
      writeProfile(dir, profileName(dir), OFFLINE);
      const r = await txBq(['compile'], dir);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.violations).toEqual([]);
      const files = sqlFiles(join(dir, 'target', 'compiled'));
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        const sql = readFileSync(f, 'utf8');
        if (DUCKDB_ONLY[name]?.test(sql)) continue;
        for (const v of validateBigQuery(sql)) expect(v.ok, `${f}: ${v.error ?? ''}`).toBe(true);
      }
    } finally {
      removeDir(dir);
    }
  });

  it("example_project, unmodified: every compiled model, test and analysis parses as GoogleSQL", async () => {
    const dir = copyProject(join(REPO, 'example_project'), 'tx-bq-example-sql-');
    try {
      writeProfile(dir, 'tx_example', OFFLINE);
      const r = await txBq(['compile'], dir);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.violations).toEqual([]);
      const files = sqlFiles(join(dir, 'target', 'compiled'));
      expect(files.some((f) => f.endsWith('feature_distribution.sql'))).toBe(true);
      for (const f of files) for (const v of validateBigQuery(readFileSync(f, 'utf8'))) expect(v.ok, `${f}: ${v.error ?? ''}`).toBe(true);
    } finally {
      removeDir(dir);
    }
  });
});

describe('against the fake', () => {
  let fake: FakeBigQuery;
  let key: ReturnType<FakeBigQuery['auth']['serviceAccount']>;
  beforeAll(async () => {
    fake = await FakeBigQuery.start({ projects: [PROJECT] });
    key = fake.auth.serviceAccount(`cli@${PROJECT}.iam.gserviceaccount.com`, PROJECT, fake.tokenUri);
  });
  afterAll(async () => {
    await fake?.stop();
  });
  const profile = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    method: 'service-account-json', project: PROJECT, dataset: 'intro', keyfile_json: key, api_endpoint: fake.url, threads: 2, ...extra,
  });

  it('templates that read the warehouse (run_query, statement, get_columns_in_relation) build', async () => {
    const dir = copyProject(join(FIXTURES, 'introspection'), 'tx-bq-introspection-');
    try {
      writeProfile(dir, profileName(dir), profile());
      const r = await txBq(['build'], dir);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.violations).toEqual([]);
      const compiled = sqlFiles(join(dir, 'target', 'compiled')).map((f) => readFileSync(f, 'utf8')).join('\n');
      expect(compiled).toMatch(/-- columns: \w+/);
    } finally {
      removeDir(dir);
    }
  });

  it('tx debug checks the connection and says what is wrong', async () => {
    const dir = copyProject(join(FIXTURES, 'basic'), 'tx-bq-debug-');
    const debug = async (fields: Record<string, unknown>): Promise<string> => {
      writeProfile(dir, profileName(dir), fields);
      const r = await txBq(['debug'], dir);
      expect(r.violations).toEqual([]);
      return r.stdout.split('\n').filter((l) => /Connection test|hint:|checks? (passed|failed)/.test(l)).join('\n');
    };
    try {
      expect(await debug(profile())).toBe('Connection test: [OK connection ok]\nAll checks passed!');
      const withoutKey = profile({ method: 'oauth' });
      delete withoutKey['keyfile_json'];
      expect(await debug(withoutKey)).toContain('[ERROR] no Google credentials found for method oauth (application default credentials)\n  hint: run `gcloud auth application-default login`');
      expect(await debug(profile({ method: 'service-account', keyfile: 'missing.json' }))).toContain("[ERROR] cannot read the service account keyfile 'missing.json'");
      expect(await debug(profile({ project: 'nope' }))).toContain("[ERROR] BigQuery does not know project 'nope'");
      expect(await debug(profile({ api_endpoint: 'http://127.0.0.1:9', job_retries: 0 }))).toContain('[ERROR] cannot reach BigQuery at http://127.0.0.1:9 (ECONNREFUSED)');
      fake.denied.add(PROJECT);
      expect(await debug(profile())).toContain(`[ERROR] access denied on project '${PROJECT}'`);
    } finally {
      fake.denied.clear();
      removeDir(dir);
    }
  });
});
