/**
 * One source's freshness check, as dbt's FreshnessRunner: render `collect_freshness` (or, for
 * a `loaded_at_query`, `collect_freshness_custom_sql`) with recorded answers, read its one row
 * (max_loaded_at, snapshotted_at), and compare the age with the thresholds. A failed check is
 * a 'runtime error' entry carrying dbt's message; it never throws.
 */
import type { ConnectionPool } from '../adapter/types.js';
import type { SourceNode } from '../parse/manifest-types.js';
import type { Session, ParsedProject } from './session.js';
import type { SourceFreshnessEntry } from '../artifacts/sources-json.js';
import type { TimingEntry } from '../artifacts/run-results.js';
import { withConnection } from '../run/node-executor.js';
import { renderLive } from './live-render.js';
import { AgateTable } from '../context/agate-table.js';
import { PyDate, PyDateTime } from '../jinja/py-datetime.js';
import { makeVarFunction } from '../context/var-function.js';
import { parseSourceArgs } from '../context/ref-args.js';
import { sourceRelation } from '../parse/node-relation.js';
import { freshnessStatus, type FreshnessThreshold } from '../parse/source-freshness.js';
import { isTxError, TxCodes } from '../errors/tx-error.js';
import { isoMicros } from '../artifacts/sources-json.js';

/** Adapters whose dbt plugin has metadata-based freshness (Capability.TableLastModifiedMetadata). */
const METADATA_FRESHNESS = new Set(['snowflake', 'bigquery']);

export interface FreshnessDeps {
  s: Session;
  p: ParsedProject;
  pool: ConnectionPool;
}

/** An error with dbt's kind ("Database", "Runtime", "Compilation"), printed the way dbt prints str(exc). */
class CheckError extends Error {
  constructor(readonly kind: string, message: string) {
    super(message);
  }
}

/** dbt's DbtRuntimeError.__str__ with the node attached. */
function dbtErrorText(kind: string, source: SourceNode, message: string): string {
  const lines = [`${kind} Error in source ${source.name} (${source.original_file_path})`, ...message.split('\n')];
  return [lines[0], ...lines.slice(1).map((l) => `  ${l}`)].join('\n');
}

function errorKind(e: unknown): string {
  if (e instanceof CheckError) return e.kind;
  if (isTxError(e)) {
    if (e.code === TxCodes.DatabaseError) return 'Database';
    if (e.code.startsWith('TX02')) return 'Compilation';
  }
  return 'Runtime';
}

/** The rows a collect_freshness macro returned: load_result()'s struct, or (old signature) a table. */
function resultRows(value: unknown): { rows: unknown[][]; response: Record<string, unknown> } | undefined {
  if (value instanceof AgateTable) return { rows: value.rows.map((r) => [...r]), response: {} };
  if (value !== null && typeof value === 'object') {
    const v = value as { table?: unknown; data?: unknown; response?: unknown };
    const response = (v.response ?? {}) as Record<string, unknown>;
    if (v.table instanceof AgateTable) return { rows: v.table.rows.map((r) => [...r]), response };
    if (Array.isArray(v.data)) return { rows: v.data as unknown[][], response };
  }
  return undefined;
}

/** dbt's `_utc`: aware values converted, naive ones (and ISO text agate reads as dates) taken as UTC. */
function timestampOf(v: unknown, source: SourceNode, field: string): Date {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v;
  // Query results carry dbt's Python values: a datetime (naive read as UTC), or a date at midnight.
  if (v instanceof PyDateTime) return new Date(Math.floor(v.instant / 1000));
  if (v instanceof PyDate) return new Date(v.days * 86_400_000);
  const relation = source.relation_name;
  if (v === null || v === undefined) {
    throw new CheckError('Database', `Expected a non-null value when querying field '${field}' of table ${relation} but received value 'null' instead`);
  }
  if (typeof v === 'string') {
    const micros = isoMicros(v);
    if (micros !== undefined) return new Date(Number(micros / 1000n));
  }
  const type = typeof v === 'string' ? 'str' : typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v;
  throw new CheckError('Database', `Expected a timestamp value when querying field '${field}' of table ${relation} but received value of type '${type}' instead`);
}

/** datetime(1, 1, 1, tzinfo=UTC): dbt's max_loaded_at for a table with no rows. */
function dawnOfTime(): Date {
  const d = new Date(Date.UTC(2000, 0, 1));
  d.setUTCFullYear(1);
  return d;
}

export interface FreshnessCheck {
  entry: SourceFreshnessEntry;
  /** Seconds, for the result line. */
  execution_time: number;
}

export async function checkSourceFreshness(
  deps: FreshnessDeps, source: SourceNode, criteria: FreshnessThreshold, threadId: string, signal: AbortSignal,
): Promise<FreshnessCheck> {
  const { s } = deps;
  const clock = () => s.inv.clock.now();
  const started = clock();
  const timing: TimingEntry[] = [{ name: 'compile', started_at: started, completed_at: clock() }];
  const executeStart = clock();
  try {
    const { rows, response, field, macro } = await collect(deps, source, criteria, signal);
    if (rows.length !== 1 || rows[0]!.length !== 2) {
      const shown = rows.map((r) => `(${r.map((x) => (x instanceof Date ? x.toISOString() : JSON.stringify(x))).join(', ')})`).join(', ');
      throw new CheckError('Compilation', `Got an invalid result from "${macro}" macro: [${shown}]`);
    }
    const [rawMax, rawSnap] = rows[0]!;
    const maxLoadedAt = rawMax === null || rawMax === undefined ? dawnOfTime() : timestampOf(rawMax, source, field);
    const snapshottedAt = timestampOf(rawSnap, source, field);
    const age = (snapshottedAt.getTime() - maxLoadedAt.getTime()) / 1000;
    const finished = clock();
    timing.push({ name: 'execute', started_at: executeStart, completed_at: finished });
    const executionTime = (finished.getTime() - started.getTime()) / 1000;
    return {
      execution_time: executionTime,
      entry: {
        unique_id: source.unique_id, status: freshnessStatus(criteria, age), max_loaded_at: maxLoadedAt, snapshotted_at: snapshottedAt, age,
        criteria, adapter_response: response, timing, thread_id: threadId, execution_time: executionTime,
      },
    };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      execution_time: (clock().getTime() - started.getTime()) / 1000,
      entry: { unique_id: source.unique_id, status: 'runtime error', error: dbtErrorText(errorKind(e), source, message) },
    };
  }
}

/** Renders the freshness macro against the warehouse and returns what it fetched. */
async function collect(deps: FreshnessDeps, source: SourceNode, criteria: FreshnessThreshold, signal: AbortSignal) {
  const { s, p, pool } = deps;
  const relation = sourceRelation(s.dialect, s.project.quoting, source);
  const useQuery = source.loaded_at_query !== null;
  if (!useQuery && source.loaded_at_field === null) {
    // dbt-snowflake and dbt-bigquery read the time from table metadata instead; tx does not (yet).
    const why = METADATA_FRESHNESS.has(s.dialect.name)
      ? `tx does not read freshness from ${s.dialect.name}'s table metadata yet`
      : `${s.dialect.name} adapter does not support metadata-based freshness checks`;
    throw new CheckError('Runtime', `Could not compute freshness for source ${source.name}: no 'loaded_at_field' provided and ${why}.`);
  }
  const macro = useQuery ? 'collect_freshness_custom_sql' : 'collect_freshness';
  const fn = s.jinja.resolveMacro(macro, s.project.name);
  if (!fn) throw new CheckError('Compilation', `macro '${macro}' not found`);
  const extra = {
    this: relation,
    model: source,
    source_node: source,
    var: makeVarFunction(s.varsFor(source.package_name), () => ({ file: source.abs_path, line: 0, col: 0 })),
    source: (...raw: unknown[]) => {
      const [name, table] = parseSourceArgs(raw);
      const other = Object.values(p.manifest.sources).find((x) => x.source_name === name && x.name === table);
      if (!other) throw new CheckError('Compilation', `source('${name}', '${table}') not found`);
      return sourceRelation(s.dialect, s.project.quoting, other);
    },
  };
  const value = await withConnection(pool, signal, (conn) => renderLive(s, conn, signal, extra, (scope) => {
    if (useQuery) {
      // dbt renders loaded_at_query when the check runs, with `this` the source's relation.
      const sql = s.jinja.renderString(source.loaded_at_query!, source.abs_path, scope, source.package_name);
      return s.jinja.callMacro(fn, [relation, sql], {}, scope);
    }
    return s.jinja.callMacro(fn, [relation, source.loaded_at_field, criteria.filter], {}, scope);
  }));
  const result = resultRows(value);
  if (!result) throw new CheckError('Compilation', `Got an invalid result from "${macro}" macro: ${value === null || value === undefined ? 'None' : String(value)}`);
  return { ...result, macro, field: useQuery ? 'loaded_at_query' : source.loaded_at_field! };
}
