/**
 * Templates that read the warehouse (run_query, statement/load_result,
 * adapter.get_columns_in_relation, adapter.get_relation, …) are rendered with recorded answers,
 * so rendering stays synchronous and pure: a render records what it asked for and gets a
 * placeholder (an empty table, no columns, no relation); the caller runs the first unanswered
 * request and renders again, until nothing is unanswered. Requests are keyed by content and
 * occurrence, so a statement with side effects runs exactly once.
 */
import type { QueryResult, RelationInfo, RelationRef, SchemaRef, WarehouseColumn } from '../adapter/types.js';
import type { Relation } from '../adapter/relation.js';
import { AgateTable } from './agate-table.js';
import { splitArgs } from './call-args.js';
import { columnFromType } from './column.js';

export type IntrospectionRequest =
  | { kind: 'query'; sql: string }
  | { kind: 'columns'; relation: RelationRef }
  | { kind: 'relation'; relation: RelationRef }
  | { kind: 'relations'; schema: SchemaRef };

export type IntrospectionAnswer = QueryResult | WarehouseColumn[] | RelationInfo | null | RelationInfo[];

const refKey = (r: RelationRef) => `${r.database ?? ''}.${r.schema}.${r.identifier}`.toLowerCase();

function requestKey(req: IntrospectionRequest): string {
  switch (req.kind) {
    case 'query':
      return `query:${req.sql}`;
    case 'columns':
    case 'relation':
      return `${req.kind}:${refKey(req.relation)}`;
    case 'relations':
      return `relations:${req.schema.database ?? ''}.${req.schema.schema}`.toLowerCase();
  }
}

/** One render's view of the answers: asks in order, and remembers what was not answered. */
export class IntrospectionRecorder {
  readonly pending: { key: string; request: IntrospectionRequest }[] = [];
  private readonly seen = new Map<string, number>();

  constructor(private readonly answers: ReadonlyMap<string, IntrospectionAnswer> = new Map()) {}

  /** The answer, or undefined (recorded as pending) when the warehouse has not been asked yet. */
  ask(request: IntrospectionRequest): IntrospectionAnswer | undefined {
    const base = requestKey(request);
    const n = this.seen.get(base) ?? 0;
    this.seen.set(base, n + 1);
    const key = request.kind === 'query' ? `${base}#${n}` : base;
    if (this.answers.has(key)) return this.answers.get(key);
    this.pending.push({ key, request });
    return undefined;
  }

  get asked(): boolean {
    return this.seen.size > 0;
  }
}

export interface IntrospectionScopeInput {
  recorder: IntrospectionRecorder;
  /** The engine's shared `adapter` object; introspecting methods are layered on top of it. */
  baseAdapter: Record<string, unknown>;
  /** Builds a Relation object (adapter.get_relation returns one). */
  relation(info: RelationInfo): Relation;
  /** The adapter's name (its Column flavour: types and quoting). */
  adapterType: string;
  /** Where agate's print_table() writes (the console, as dbt prints it). */
  print?: (text: string) => void;
  /** Set when a materialization macro runs: its statements change the warehouse (see StatementSession). */
  session?: StatementSession;
}

/**
 * The state of one materialization render: statements open a transaction first (dbt's
 * auto_begin) where the adapter has transactions, adapter.commit() ends it, and every
 * statement is listed (target/run). `sqlFor` renders tx's DDL macros (drop_relation, ...) for
 * the adapter methods that run them.
 */
export interface StatementSession {
  transactions: boolean;
  open: boolean;
  statements: string[];
  sqlFor(macro: string, args: unknown[]): string;
  /** The response of the statement named 'main' (the node's result message). */
  mainResponse?: Record<string, unknown>;
}

const asRef = (r: unknown): RelationRef => {
  const o = r as { database?: string | null; schema: string; identifier: string };
  return { database: o.database ?? null, schema: String(o.schema), identifier: String(o.identifier) };
};

/** Context members that read the warehouse through the recorder. */
export function introspectionScope({ recorder, baseAdapter, relation, adapterType, print, session }: IntrospectionScopeInput): Record<string, unknown> {
  // dbt's sql_results: a name maps to its result until load_result() takes it (null once loaded).
  const results = new Map<string, Record<string, unknown> | null>();
  const ask = (sql: string): QueryResult | undefined => recorder.ask({ kind: 'query', sql: sql.trim() }) as QueryResult | undefined;
  const query = (sql: string, autoBegin = true): QueryResult | undefined => {
    if (!session) return ask(sql);
    if (/^\s*commit\s*;?\s*$/i.test(sql)) {
      if (!session.open) return undefined;
      session.open = false;
    } else if (autoBegin && session.transactions && !session.open) {
      session.statements.push('begin');
      ask('begin');
      session.open = true;
    }
    session.statements.push(sql.trim());
    return ask(sql);
  };
  const run = (sql: string): string => {
    if (sql.trim() !== '') query(sql);
    return '';
  };
  const opts = print ? { print } : {};
  const table = (r: QueryResult | undefined) => (r ? new AgateTable(r.columns, r.rows, { ...opts, ...(r.columnTypes ? { sqlTypes: r.columnTypes } : {}) }) : AgateTable.empty());
  const store = (name: string, response: Record<string, unknown>, t: AgateTable) => {
    if (name === 'main' && session) session.mainResponse = response;
    results.set(name, { response, data: t.matrix(), table: t });
  };
  const storeRaw = (name: unknown, message: unknown, code: unknown, rowsAffected: unknown, t: unknown) =>
    store(String(name), { _message: message, code, rows_affected: rowsAffected }, t instanceof AgateTable ? t : AgateTable.empty());
  const columnsOf = (rel: unknown): WarehouseColumn[] => (rel ? ((recorder.ask({ kind: 'columns', relation: asRef(rel) }) as WarehouseColumn[] | undefined) ?? []) : []);
  const column = (c: WarehouseColumn) => columnFromType(adapterType, c.name, c.dataType);
  const getRelation = (...raw: unknown[]) => {
    const { args, kwargs } = splitArgs(raw);
    const ref: RelationRef = {
      database: (kwargs['database'] ?? args[0] ?? null) as string | null,
      schema: String(kwargs['schema'] ?? args[1]),
      identifier: String(kwargs['identifier'] ?? args[2]),
    };
    const found = recorder.ask({ kind: 'relation', relation: ref }) as RelationInfo | null | undefined;
    return found ? relation(found) : null;
  };
  const adapter: Record<string, unknown> = Object.assign(Object.create(baseAdapter) as Record<string, unknown>, {
    get_columns_in_relation: (rel: unknown) => columnsOf(rel).map(column),
    get_relation: getRelation,
    load_relation: (rel: unknown) => (rel ? getRelation({ __keywords: true, ...asRef(rel) }) : null),
    list_relations_without_caching: (schemaRel: unknown) => {
      const s = schemaRel as { database?: string | null; schema: string };
      const list = (recorder.ask({ kind: 'relations', schema: { database: s.database ?? null, schema: String(s.schema) } }) as RelationInfo[] | undefined) ?? [];
      return list.map(relation);
    },
    get_missing_columns: (from: unknown, to: unknown) => {
      const have = new Set(columnsOf(to).map((c) => c.name.toLowerCase()));
      return columnsOf(from).filter((c) => !have.has(c.name.toLowerCase())).map(column);
    },
    already_exists: (schema: unknown, identifier: unknown) => getRelation(null, schema, identifier) !== null,
    execute: (sql: unknown, ...raw: unknown[]) => {
      const { kwargs } = splitArgs(raw);
      const r = query(String(sql), kwargs['auto_begin'] !== false);
      return [r?.adapterResponse ?? {}, kwargs['fetch'] === true ? table(r) : AgateTable.empty()];
    },
  });
  // With a session (a materialization runs), these run their DDL, as dbt's adapter methods and
  // macros of the same names do (tx's templates for them only return the SQL).
  const runs = (macro: string) => (...args: unknown[]) => run(session!.sqlFor(macro, args));
  const executing = session
    ? {
        drop_relation: runs('drop_relation'),
        drop_relation_if_exists: (rel: unknown) => (rel === null || rel === undefined ? '' : runs('drop_relation')(rel)),
        truncate_relation: runs('truncate_relation'),
        rename_relation: runs('rename_relation'),
        create_schema: runs('create_schema'),
      }
    : {};
  if (session) {
    Object.assign(adapter, {
      commit: () => {
        if (session.open) query('commit');
        return '';
      },
      drop_relation: executing.drop_relation,
      truncate_relation: executing.truncate_relation,
      rename_relation: executing.rename_relation,
      create_schema: executing.create_schema,
      drop_schema: runs('drop_schema'),
    });
  }
  return {
    ...executing,
    adapter,
    run_query: (sql: unknown) => table(query(String(sql))),
    // dbt's statement macro: {% call statement('name', fetch_result=True) %} … {% endcall %}.
    // The result is stored under its name (data only when fetched); an unnamed one is not.
    statement: (...raw: unknown[]) => {
      const { args, kwargs } = splitArgs(raw);
      const name = args[0] ?? kwargs['name'] ?? null;
      const fetch = (args[1] ?? kwargs['fetch_result']) === true;
      const caller = kwargs['caller'] as (() => unknown) | undefined;
      const sql = caller ? String(caller()) : '';
      const r = query(sql, (args[2] ?? kwargs['auto_begin']) !== false);
      if (name !== null && name !== undefined) store(String(name), r?.adapterResponse ?? {}, fetch ? table(r) : AgateTable.empty());
      return '';
    },
    load_result: (name: unknown) => {
      const key = String(name);
      if (!results.has(key)) return null;
      const r = results.get(key) ?? null;
      if (key === 'main') return r;
      if (r === null) throw new Error(`The 'load_result("${key}")' call was made more than once for the same result, which is not allowed.`);
      results.set(key, null);
      return r;
    },
    // dbt's noop_statement: records a result (a message, a code, a row count) without running
    // SQL, through store_raw_result as dbt's macro does.
    noop_statement: (...raw: unknown[]) => {
      const { args, kwargs } = splitArgs(raw);
      const arg = (i: number, k: string) => args[i] ?? kwargs[k] ?? null;
      const caller = kwargs['caller'] as (() => unknown) | undefined;
      if (caller) caller();
      const name = arg(0, 'name');
      if (name !== null) storeRaw(name, arg(1, 'message'), arg(2, 'code'), arg(3, 'rows_affected'), arg(4, 'res'));
      return '';
    },
    store_raw_result: (name: unknown, ...raw: unknown[]) => {
      const { args, kwargs } = splitArgs(raw);
      const arg = (i: number, k: string) => args[i] ?? kwargs[k] ?? null;
      storeRaw(name, arg(0, 'message'), arg(1, 'code'), arg(2, 'rows_affected'), arg(3, 'agate_table'));
      return '';
    },
    store_result: (name: unknown, ...raw: unknown[]) => {
      const { args, kwargs } = splitArgs(raw);
      const t = (kwargs['agate_table'] ?? args[1] ?? AgateTable.empty()) as AgateTable;
      store(String(name), (kwargs['response'] ?? args[0] ?? {}) as Record<string, unknown>, t instanceof AgateTable ? t : AgateTable.empty());
      return '';
    },
  };
}
