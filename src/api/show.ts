/**
 * `tx show --select x [--limit n]` and `tx show --inline "select …"`: compiles one node (or an
 * inline query, with ref/source/macros) and prints its first rows as dbt's show does.
 */
import type { Invocation } from '../invocation.js';
import type { CommonOptions } from './options.js';
import type { AnalysisNode } from '../parse/manifest-types.js';
import { openSession, parseSession, type Session, type ParsedProject } from './session.js';
import { compileNodes, resolveAllIntrospection } from './compile.js';
import { deferFor } from './defer.js';
import { selectedIds } from './select-nodes.js';
import { defaultNodeConfig } from '../parse/config-merge.js';
import { AgateTable } from '../context/agate-table.js';
import { TxError, TxCodes } from '../errors/tx-error.js';
import { notCompiled } from '../parse/not-compiled.js';
import { SqlDate, SqlDecimal, SqlTime, SqlTimestamp } from '../adapter/sql-values.js';

export interface ShowOptions extends CommonOptions {
  inline?: string | undefined;
  limit?: number | undefined;
  output?: 'text' | 'json' | undefined;
}

export async function showCommand(inv: Invocation, opts: ShowOptions): Promise<number> {
  const s = await openSession(inv, opts);
  const p = parseSession(s);
  const id = opts.inline !== undefined ? addInlineNode(s, p, opts.inline) : pickNode(s, p);
  const node = p.manifest.nodes[id]!;
  const outcome = compileNodes(s, p, [id], await deferFor(s, p, [id]));
  await resolveAllIntrospection(s, p, outcome);
  // A seed has no SQL of its own: show its table.
  const sql = node.resource_type === 'seed' ? `select * from ${outcome.compiler.relationFor(node).render()}` : outcome.compiled.get(id)!.sql;
  const limit = opts.limit ?? 5;
  // dbt's get_limit_subquery_sql: the model's rows, capped.
  const query = limit < 0 ? sql : `select * from (\n${sql}\n) as model_limit_subq\nlimit ${limit}`;
  const pool = await s.adapter.connect(s.credentials, { projectDir: s.project.rootDir, threads: 1 });
  let result;
  try {
    const conn = await pool.acquire();
    try {
      // Exact values and column types, so dates print as dates and decimals keep their digits.
      result = await conn.execute(query, { fetch: true, exact: true, signal: inv.signal });
    } finally {
      pool.release(conn);
    }
  } finally {
    await pool.close();
  }
  const name = opts.inline !== undefined ? 'inline_query' : node.name;
  if (opts.output === 'json') {
    const rows = result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c, jsonCell(r[i])])));
    inv.reporter.emit({ type: 'output', text: JSON.stringify({ node: name, show: rows }, null, 2) });
  } else {
    const head = opts.inline !== undefined ? 'Previewing inline node:' : `Previewing node '${name}':`;
    inv.reporter.emit({ type: 'info', message: `${head}\n${new AgateTable(result.columns, result.rows, result.columnTypes ? { sqlTypes: result.columnTypes } : {}).format(Number.MAX_SAFE_INTEGER)}` });
  }
  return 0;
}

function pickNode(s: Session, p: ParsedProject): string {
  const ids = [...selectedIds(s, p, undefined)].filter((id) => {
    const t = p.manifest.nodes[id]?.resource_type;
    return t === 'model' || t === 'seed' || t === 'snapshot' || t === 'analysis' || t === 'test';
  });
  if (!s.opts.select || s.opts.select.length === 0 || ids.length === 0) {
    throw new TxError({ code: TxCodes.Usage, message: 'tx show needs --select with one node, or --inline "select …"', hint: 'e.g. tx show --select stg_orders --limit 10' });
  }
  // Tests selected alongside the model (indirect selection) are not what the user means.
  const own = ids.filter((id) => p.manifest.nodes[id]!.resource_type !== 'test');
  return (own[0] ?? ids[0])!;
}

/** An inline query becomes a node like dbt's `sql_operation.<project>.inline_query`. */
function addInlineNode(s: Session, p: ParsedProject, sql: string): string {
  const id = `sql_operation.${s.project.name}.inline_query`;
  const config = defaultNodeConfig('analysis');
  const node: AnalysisNode = {
    unique_id: id, resource_type: 'analysis', package_name: s.project.name, name: 'inline_query',
    path: 'inline_query.sql', original_file_path: 'from remote system.sql', abs_path: '<inline>', fqn: [s.project.name, 'inline_query'],
    alias: 'inline_query', schema: s.target.schema, database: s.target.database, checksum: { name: 'none', checksum: '' },
    config, config_call_dict: {}, unrendered_config: {}, tags: [], description: '', columns: {}, meta: {}, docs: { show: false, node_color: null },
    patch_path: null, raw_code: sql, language: 'sql', refs: [], sources: [], depends_on: { macros: [], nodes: [] },
    ...notCompiled(), ref_locs: [], source_locs: [],
  };
  p.manifest.nodes[id] = node;
  p.templates.set(id, s.jinja.compile(sql, '<inline>', s.project.name));
  return id;
}

/** A fetched value in `--output json`, as dbt's encoder writes it: decimals as numbers, dates and times as their ISO text. */
function jsonCell(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof SqlDecimal) return Number(v.text);
  if (v instanceof SqlDate || v instanceof SqlTimestamp || v instanceof SqlTime) return v.text;
  return v;
}
