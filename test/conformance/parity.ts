/**
 * The same project built twice, on embedded DuckDB and on another warehouse, step by step: the
 * source tables set up and changed by the same SQL, the same tx commands, and after each step the
 * same relations with the same rows (test/functional/pg-compare.ts's comparison). Used for the
 * fixture projects and the example project on the real Postgres.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { copyFixture, removeDir, tx, type CliResult } from '../functional/harness.js';
import { exec } from '../functional/incremental-db.js';
import { dropSchemas, pgQuery, writePgProfile } from '../functional/pg-helpers.js';
import { duckRelationRows, pgRelationRows, retargetSources, type CompareOptions, type RelationRows } from '../functional/pg-compare.js';

export interface Engine {
  readonly name: string;
  readonly dir: string;
  /** Runs setup SQL written for DuckDB's `raw` schema. */
  sql(statements: readonly string[]): Promise<void>;
  tx(args: string[]): Promise<CliResult>;
  relations(ignore: readonly string[], opts: CompareOptions): Promise<RelationRows[]>;
  close(): Promise<void>;
}

/** Rewrites every matching text file of a project copy (YAML and SQL), recursively. */
export function rewriteProject(dir: string, edit: (text: string) => string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'target' && name !== 'dbt_packages') rewriteProject(path, edit);
    } else if (/\.(ya?ml|sql)$/.test(name) && name !== 'profiles.yml') {
      const text = readFileSync(path, 'utf8');
      const next = edit(text);
      if (next !== text) writeFileSync(path, next);
    }
  }
}

export function duckEngine(fixture: string, copy: () => string = () => copyFixture(fixture)): Engine {
  const dir = copy();
  const db = join(dir, 'target', `${fixture}.duckdb`);
  return {
    name: 'duckdb',
    dir,
    sql: (statements) => exec(db, ...statements),
    tx: (args) => tx(args, { cwd: dir }),
    relations: (ignore, opts) => duckRelationRows(db, ignore, { ...opts, allSchemas: true }),
    close: async () => removeDir(dir),
  };
}

/**
 * The fixture on Postgres in `schema`: DuckDB's `main` and `main_*` become `<schema>` and
 * `<schema>_*` (dbt's custom schemas), and the absolute schemas a fixture names (`raw` for its
 * sources, a snapshot's target_schema) become `<schema>_<name>`, in the project and in the SQL.
 */
export function pgEngine(fixture: string, profile: string, schema: string, absolute: readonly string[] = ['raw'], copy: () => string = () => copyFixture(fixture)): Engine {
  const dir = copy();
  retargetSources(dir, schema);
  const mapName = (text: string): string => absolute.reduce(
    (t, name) => t
      .replace(new RegExp(`^(\\s*schema:\\s*)['"]?${name}['"]?\\s*$`, 'gm'), `$1${schema}_${name}`)
      .replace(new RegExp(`target_schema\\s*=\\s*'${name}'`, 'g'), `target_schema='${schema}_${name}'`),
    text,
  );
  rewriteProject(dir, mapName);
  writePgProfile(dir, profile, { schema });
  const rewriteSql = (sql: string): string => absolute.reduce(
    (t, name) => t.replace(new RegExp(`\\bcreate schema ${name}\\b`, 'g'), `create schema "${schema}_${name}"`).replace(new RegExp(`\\b${name}\\.`, 'g'), `"${schema}_${name}".`),
    sql,
  );
  return {
    name: 'postgres',
    dir,
    sql: async (statements) => {
      for (const s of statements) await pgQuery(rewriteSql(s));
    },
    tx: (args) => tx(args, { cwd: dir }),
    relations: (ignore, opts) => pgRelationRows(schema, ignore, opts),
    close: async () => {
      await dropSchemas(schema);
      removeDir(dir);
    },
  };
}

export type Step = { sql: readonly string[] } | { tx: string[]; code: number };

/** Runs each step on both engines, then checks both left the same relations with the same rows. */
export async function runInParity(steps: readonly Step[], a: Engine, b: Engine, ignore: readonly string[] = [], opts: CompareOptions = {}): Promise<void> {
  for (const [i, step] of steps.entries()) {
    if ('sql' in step) {
      await Promise.all([a.sql(step.sql), b.sql(step.sql)]);
      continue;
    }
    const [ra, rb] = await Promise.all([a.tx(step.tx), b.tx(step.tx)]);
    const where = `step ${i + 1}: tx ${step.tx.join(' ')}`;
    expect(ra.code, `${where} on ${a.name}\n${ra.stdout}${ra.stderr}`).toBe(step.code);
    expect(rb.code, `${where} on ${b.name}\n${rb.stdout}${rb.stderr}`).toBe(step.code);
    await expectSameRelations(a, b, where, ignore, opts);
  }
}

export async function expectSameRelations(a: Engine, b: Engine, where: string, ignore: readonly string[] = [], opts: CompareOptions = {}): Promise<void> {
  const [x, y] = await Promise.all([a.relations(ignore, opts), b.relations(ignore, opts)]);
  expect(y.map((r) => `${r.key}:${r.type}`), `${where}: relations`).toEqual(x.map((r) => `${r.key}:${r.type}`));
  for (const [i, rel] of x.entries()) {
    expect(y[i]?.columns, `${where}: columns of ${rel.key}`).toEqual(rel.columns);
    expect(y[i]?.rows, `${where}: rows of ${rel.key}`).toEqual(rel.rows);
  }
}
