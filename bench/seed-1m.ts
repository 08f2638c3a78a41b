/**
 * Times `tx seed` of a 1,000,000-row CSV on DuckDB (read_csv) and on Postgres (COPY), and, in
 * this process, its parts: tx's type inference (the streaming scanner, and the whole-text reader
 * it replaced) against DuckDB reading the same file:
 *   npm run build && node dist/bench/seed-1m.js [--rows 1000000] [--keep]
 * Postgres: 127.0.0.1:5432, user postgres, database test (TX_BENCH_PG_HOST/PORT/USER/DATABASE
 * override); unreachable → reported and skipped. Prints numbers; never asserts.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { inferSeedColumns, inferSeedColumnsFromText } from '../src/materialize/seed-infer.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const ROWS = Number(flag('rows') ?? 1_000_000);
const KEEP = args.includes('--keep');
const PG = {
  host: process.env['TX_BENCH_PG_HOST'] ?? '127.0.0.1',
  port: Number(process.env['TX_BENCH_PG_PORT'] ?? 5432),
  user: process.env['TX_BENCH_PG_USER'] ?? 'postgres',
  database: process.env['TX_BENCH_PG_DATABASE'] ?? 'test',
};
const here = dirname(fileURLToPath(import.meta.url));
// dist/bench/seed-1m.js → dist/src/cli/main.js
const CLI = resolve(here, '..', 'src', 'cli', 'main.js');

/** Deterministic rows with every inferred type, quoted commas and quotes, and NULLs. */
async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('id,amount,day,at,flag,label,maybe\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const day = `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    const label = i % 10 === 0 ? `"row ${i}, ""quoted"""` : `row ${i}`;
    chunk += `${i},${(i / 7).toFixed(2)},${day},${day} ${String(i % 24).padStart(2, '0')}:00:00,${i % 2 === 0},${label},${i % 3 === 0 ? '' : i}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

function project(root: string, name: string, csv: string, profile?: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'seeds'), { recursive: true });
  writeFileSync(join(dir, 'dbt_project.yml'), `name: seed_bench\nversion: '1.0.0'\nconfig-version: 2\nprofile: seed_bench\n`);
  spawnSync('cp', [csv, join(dir, 'seeds', 'big.csv')]);
  if (profile) writeFileSync(join(dir, 'profiles.yml'), profile);
  return dir;
}

function timeSeed(dir: string): { ms: number; ok: boolean; line: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'seed'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - t0;
  const line = (r.stdout ?? '').split('\n').find((l) => /loaded seed file|ERROR/.test(l)) ?? (r.stderr || r.stdout || '').trim();
  return { ms, ok: r.status === 0, line: line.trim() };
}

async function pgReachable(): Promise<string | null> {
  const c = new pg.Client({ ...PG, connectionTimeoutMillis: 3000 });
  c.on('error', () => undefined);
  try {
    await c.connect();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function pgCount(schema: string): Promise<number> {
  const c = new pg.Client(PG);
  await c.connect();
  try {
    return Number((await c.query(`select count(*) as n from "${schema}".big`)).rows[0].n);
  } finally {
    await c.end();
  }
}

async function pgDrop(schema: string): Promise<void> {
  const c = new pg.Client(PG);
  await c.connect();
  await c.query(`drop schema if exists "${schema}" cascade`).finally(() => c.end());
}

/** Wall and CPU milliseconds of `fn` (CPU: this process, DuckDB's threads included). */
async function measure(fn: () => unknown): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

const fmt = (m: { wall: number; cpu: number }): string => `${(m.wall / 1000).toFixed(2)} s wall, ${(m.cpu / 1000).toFixed(2)} s CPU`;

/** tx's inference (new and old) and DuckDB's reader on the same file, best of 2 each. */
async function parts(csv: string): Promise<void> {
  const best = async (fn: () => unknown) => {
    const a = await measure(fn);
    const b = await measure(fn);
    return a.wall <= b.wall ? a : b;
  };
  const types = inferSeedColumns(csv).map((c) => c.type).join(', ');
  console.log(`Parts, in this process (best of 2); inferred types: ${types}`);
  console.log(`  tx type inference, streaming scanner:         ${fmt(await best(() => inferSeedColumns(csv)))}`);
  console.log(`  tx type inference, whole-text reader (before): ${fmt(await best(() => inferSeedColumnsFromText(readFileSync(csv, 'utf8'))))}`);
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const path = csv.replace(/'/g, "''");
    console.log(`  DuckDB read_csv, all_varchar (tx's load):    ${fmt(await best(() => conn.run(`create or replace table t as select * from read_csv('${path}', all_varchar = true)`)))}`);
    console.log(`  DuckDB read_csv, its own type sniffing:      ${fmt(await best(() => conn.run(`create or replace table t as select * from read_csv('${path}')`)))}`);
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

const report = (name: string, runs: { ms: number; ok: boolean; line: string }[]): void => {
  for (const [i, r] of runs.entries()) {
    console.log(`  ${name} run ${i + 1}: ${(r.ms / 1000).toFixed(2)} s wall (process start, parse, infer, load)${r.ok ? '' : '  FAILED'}`);
    console.log(`    ${r.line}`);
  }
};

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'tx-seed-1m-'));
  try {
    const csv = join(root, 'big.csv');
    const t0 = performance.now();
    await writeCsv(csv, ROWS);
    console.log(`generated ${ROWS.toLocaleString('en')} rows, ${(statSync(csv).size / 1e6).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s (${csv})`);

    await parts(csv);

    const duck = project(root, 'duckdb', csv);
    console.log('DuckDB (read_csv):');
    // First load creates the table; the second truncates and reloads it.
    report('duckdb', [timeSeed(duck), timeSeed(duck)]);

    const down = await pgReachable();
    if (down !== null) {
      console.log(`Postgres: skipped (${PG.host}:${PG.port} unreachable: ${down})`);
      return;
    }
    const schema = `tx_bench_seed_${process.pid}`;
    const profile = `seed_bench:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n      host: ${PG.host}\n      port: ${PG.port}\n      user: ${PG.user}\n      dbname: ${PG.database}\n      schema: ${schema}\n      threads: 1\n`;
    const pgDir = project(root, 'postgres', csv, profile);
    try {
      console.log('Postgres (COPY into a text staging table, then typed insert … select):');
      report('postgres', [timeSeed(pgDir), timeSeed(pgDir)]);
      const count = await pgCount(schema).catch((e: unknown) => `not readable (${e instanceof Error ? e.message : String(e)})`);
      console.log(`  rows in ${schema}.big: ${count.toLocaleString('en')}`);
    } finally {
      await pgDrop(schema);
    }
  } finally {
    if (KEEP) console.log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

await main();
