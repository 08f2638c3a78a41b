/** `tx debug`, `tx clean`, `tx init`. */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Invocation } from '../invocation.js';
import type { CommonOptions } from './options.js';
import { openSession } from './session.js';
import { findProjectDir, loadDbtProject } from '../project/dbt-project.js';
import { redactCredentials } from '../adapter/redact.js';
import { TxError, TxCodes, isTxError } from '../errors/tx-error.js';
import type { ConnectionPool } from '../adapter/types.js';

export async function debugCommand(inv: Invocation, opts: CommonOptions): Promise<number> {
  const say = (message: string) => inv.reporter.emit({ type: 'output', text: message });
  say(`tx version: ${process.version} (node)`);
  const s = await openSession(inv, opts);
  say(`project: ${s.project.name} (${s.project.file})`);
  say(`profile: ${s.target.profile_name}, target: ${s.target.name}`);
  say(`adapter type: ${s.dialect.name}`);
  for (const [k, v] of Object.entries(redactCredentials(s.credentials, s.adapter.secretKeys))) say(`  ${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  let pool: ConnectionPool | undefined;
  try {
    pool = await s.adapter.connect(s.credentials, { projectDir: s.project.rootDir, threads: 1 });
    const conn = await pool.acquire();
    await conn.execute('select 1 as ok', { fetch: true });
    pool.release(conn);
    say('Connection test: [OK connection ok]');
    say('All checks passed!');
    return 0;
  } catch (e) {
    // One line saying what is wrong (the adapter explains driver codes), then what to do.
    say(`Connection test: [ERROR] ${e instanceof Error ? e.message : String(e)}`);
    if (isTxError(e) && e.hint) say(`  hint: ${e.hint}`);
    say('1 check failed.');
    return 1;
  } finally {
    await pool?.close();
  }
}

export async function cleanCommand(inv: Invocation, opts: CommonOptions): Promise<number> {
  const dir = findProjectDir(inv.cwd, opts.projectDir);
  const project = loadDbtProject(dir, (v) => v);
  for (const t of project.cleanTargets) {
    const abs = resolve(dir, t);
    // As dbt: never delete outside the project.
    if (!abs.startsWith(dir + sep)) {
      throw new TxError({ code: TxCodes.ProjectInvalid, message: `clean-targets entry '${t}' is outside the project directory`, loc: { file: project.file, line: 0, col: 0 }, hint: 'list only folders inside the project' });
    }
    if (existsSync(abs)) {
      rmSync(abs, { recursive: true, force: true });
      inv.reporter.emit({ type: 'info', message: `Cleaned ${relative(inv.cwd, abs) || abs}/` });
    }
  }
  inv.reporter.emit({ type: 'info', message: 'Finished cleaning all paths.' });
  return 0;
}

export async function initCommand(inv: Invocation, opts: CommonOptions & { name?: string | undefined }): Promise<number> {
  const name = opts.name ?? 'my_project';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new TxError({ code: TxCodes.Usage, message: `project name '${name}' is not valid`, hint: 'use letters, digits and underscores, starting with a letter' });
  }
  const root = resolve(inv.cwd, opts.projectDir ?? name);
  if (existsSync(join(root, 'dbt_project.yml'))) {
    throw new TxError({ code: TxCodes.Usage, message: `${root} already holds a dbt_project.yml`, hint: 'choose another name or directory' });
  }
  for (const d of ['models/example', 'seeds', 'macros', 'tests', 'snapshots', 'analyses']) mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, 'dbt_project.yml'), [
    `name: '${name}'`, `version: '1.0.0'`, `profile: '${name}'`, '',
    `model-paths: ["models"]`, `seed-paths: ["seeds"]`, `macro-paths: ["macros"]`, `test-paths: ["tests"]`,
    `snapshot-paths: ["snapshots"]`, `analysis-paths: ["analyses"]`, '', `clean-targets: ["target"]`, '',
    'models:', `  ${name}:`, '    example:', '      +materialized: view', '',
  ].join('\n'));
  writeFileSync(join(root, 'models/example/my_first_model.sql'), "{{ config(materialized='table') }}\n\nselect 1 as id\nunion all\nselect 2 as id\n");
  writeFileSync(join(root, 'models/example/my_second_model.sql'), "select * from {{ ref('my_first_model') }}\nwhere id = 1\n");
  inv.reporter.emit({ type: 'info', message: `Created ${relative(inv.cwd, root) || '.'}: run \`tx build --project-dir ${relative(inv.cwd, root) || '.'}\` (embedded DuckDB, no profile needed).` });
  return 0;
}
