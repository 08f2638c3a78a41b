/**
 * What the docs benchmark adds to a generated project so the site is measured with everything a
 * built project has, without building 10,000 models: an empty table per relation in the
 * project's DuckDB file (so `tx docs generate` reads a catalog of the real size: every relation
 * with its six columns) and a run_results.json of a simulated `tx build` on 4 threads (so the
 * run report and test statuses are measured too). Deterministic for a given manifest.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32, randInt } from './prng.js';

interface ManifestLike {
  metadata: { invocation_id?: string };
  nodes: Record<string, { resource_type: string; database: string | null; schema: string; alias?: string; name: string; config: { materialized?: string }; depends_on: { nodes?: string[] } }>;
}

/** Every generated model outputs these columns (bench/generate.ts). */
const COLUMNS = 'id integer, grp varchar, category varchar, amount double, qty integer, event_date date';

export function readManifest(dir: string): ManifestLike {
  return JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8')) as ManifestLike;
}

const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** One empty table per model, seed and snapshot (not ephemeral models), in the project's DuckDB file. */
export async function createRelations(dbFile: string, manifest: ManifestLike): Promise<number> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(dbFile);
  const conn = await instance.connect();
  let count = 0;
  try {
    const rels = Object.values(manifest.nodes).filter((n) => ['model', 'seed', 'snapshot'].includes(n.resource_type) && n.config.materialized !== 'ephemeral');
    const schemas = [...new Set(rels.map((n) => n.schema))];
    await conn.run('begin');
    for (const s of schemas) await conn.run(`create schema if not exists ${quote(s)}`);
    for (const n of rels) {
      await conn.run(`create table if not exists ${quote(n.schema)}.${quote(n.alias ?? n.name)} (${COLUMNS})`);
      count++;
    }
    await conn.run('commit');
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return count;
}

/**
 * run_results.json of a simulated build: every model, seed, snapshot and test, in dependency
 * order on 4 threads, 5–400 ms each, about 1% failing tests, 0.5% warnings and the failures'
 * descendants skipped.
 */
export function writeRunResults(dir: string, manifest: ManifestLike): number {
  const rand = mulberry32(42);
  const ids = Object.keys(manifest.nodes).filter((id) => ['model', 'seed', 'snapshot', 'test'].includes(manifest.nodes[id]!.resource_type)).sort();
  const wanted = new Set(ids);
  const done = new Map<string, number>();
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (id: string): void => {
    if (done.has(id) || visiting.has(id) || !manifest.nodes[id]) return;
    visiting.add(id);
    for (const p of manifest.nodes[id]!.depends_on.nodes ?? []) visit(p);
    visiting.delete(id);
    done.set(id, order.push(id));
  };
  for (const id of ids) visit(id);
  const start = Date.UTC(2026, 0, 5, 6, 0, 0);
  const threads = [0, 0, 0, 0];
  const finished = new Map<string, number>();
  const failed = new Set<string>();
  const iso = (ms: number): string => new Date(start + ms).toISOString().replace('Z', '000Z');
  const results = order.filter((id) => wanted.has(id)).map((id) => {
    const n = manifest.nodes[id]!;
    const parents = (n.depends_on.nodes ?? []).filter((p) => finished.has(p));
    const ready = Math.max(0, ...parents.map((p) => finished.get(p)!));
    if ((n.depends_on.nodes ?? []).some((p) => failed.has(p))) {
      failed.add(id);
      return { unique_id: id, status: 'skipped', thread_id: 'Thread-1 (worker)', execution_time: 0, timing: [], adapter_response: {}, message: 'SKIP', failures: null };
    }
    const t = threads.indexOf(Math.min(...threads));
    const begin = Math.max(ready, threads[t]!);
    const dur = n.resource_type === 'test' ? randInt(rand, 5, 60) : randInt(rand, 20, 400);
    const end = begin + dur;
    threads[t] = end;
    finished.set(id, end);
    const test = n.resource_type === 'test';
    const roll = rand();
    const status = test ? (roll < 0.01 ? 'fail' : roll < 0.015 ? 'warn' : 'pass') : 'success';
    if (status === 'fail') failed.add(id);
    const compileEnd = begin + Math.min(3, dur);
    return {
      unique_id: id,
      status,
      thread_id: `Thread-${t + 1} (worker)`,
      execution_time: dur / 1000,
      timing: [
        { name: 'compile', started_at: iso(begin), completed_at: iso(compileEnd) },
        { name: 'execute', started_at: iso(compileEnd), completed_at: iso(end) },
      ],
      adapter_response: test ? {} : { rows_affected: 24 },
      message: status === 'fail' ? 'Got 3 results, configured to fail if != 0' : test ? null : 'OK',
      failures: test ? (status === 'pass' ? 0 : 3) : null,
    };
  });
  const elapsed = Math.max(...threads) / 1000;
  const file = {
    metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json', dbt_version: '1.10.0', generated_at: iso(Math.max(...threads)), invocation_id: 'bench-docs-0000', env: {} },
    results,
    elapsed_time: elapsed,
    args: { which: 'build', threads: 4 },
  };
  writeFileSync(join(dir, 'target', 'run_results.json'), JSON.stringify(file));
  return results.length;
}
