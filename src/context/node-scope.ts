/**
 * The dbt context one node's template sees. Two modes:
 *  - capture (parse): ref/source/config record what the template asks for; execute is false.
 *  - resolve (compile): ref/source return the real relations; config.get reads resolved config.
 * Shared members (builtins, adapter, target) are the engine's globals, set once per
 * invocation, so building a node's scope costs a handful of properties, not a copy.
 */
import type { RefCall } from '../parse/manifest-types.js';
import type { Relation } from '../adapter/relation.js';
import { splitArgs } from './call-args.js';
import { AgateTable } from './agate-table.js';
import { parseRefArgs, parseSourceArgs } from './ref-args.js';
import { asString } from '../jinja/py-values.js';

export interface CaptureRecord {
  refs: RefCall[];
  sources: [string, string][];
  config: Record<string, unknown>;
}

export interface ResolveHooks {
  ref(call: RefCall): Relation;
  source(sourceName: string, tableName: string): Relation;
  /** Resolved config of the node (for config.get / config.require). */
  config: Record<string, unknown>;
  /** What is_incremental() returns: the compiler renders incremental models both ways. */
  isIncremental?: () => boolean;
}

export interface NodeScopeInput {
  this: Relation | null;
  model: Record<string, unknown>;
  var: unknown;
}

export function captureScope(input: NodeScopeInput, record: CaptureRecord, placeholder: (name: string) => Relation): Record<string, unknown> {
  const config = Object.assign(
    (...raw: unknown[]) => {
      const { args, kwargs } = splitArgs(raw);
      // config({'materialized': 'table'}) is also allowed by dbt.
      const dict = (args[0] !== undefined && typeof args[0] === 'object' ? args[0] : {}) as Record<string, unknown>;
      Object.assign(record.config, plainConfig(dict), plainConfig(kwargs));
      return '';
    },
    // dbt's parse-time config.get/require return '' (the value is not known yet); set() records.
    {
      get: () => '', require: () => '', persist_relation_docs: () => false, persist_column_docs: () => false,
      set: (...raw: unknown[]) => {
        const { args, kwargs } = splitArgs(raw);
        if (args[0] !== undefined) record.config[String(args[0])] = args[1] ?? kwargs['value'];
        return '';
      },
    },
  );
  const scope: Record<string, unknown> = {};
  Object.assign(scope, {
    ref: (...raw: unknown[]) => {
      const call = parseRefArgs(raw);
      record.refs.push(call);
      return placeholder(call.name);
    },
    source: (...raw: unknown[]) => {
      const pair = parseSourceArgs(raw);
      record.sources.push(pair);
      return placeholder(pair[1]);
    },
    config,
    this: input.this,
    model: input.model,
    var: input.var,
    execute: false,
    is_incremental: () => false,
    ...parseTimeIntrospection(),
  });
  return withBuiltins(scope);
}

/**
 * A macro's output (`pre_hook=before_begin("…")`, `alias=my_alias()`) is a SafeString to the
 * engine; in config it is the plain string it is to dbt.
 */
function plainConfig(dict: Record<string, unknown>): Record<string, unknown> {
  const plain = (v: unknown): unknown => {
    const s = asString(v);
    if (s !== undefined) return s;
    return Array.isArray(v) ? v.map(plain) : v;
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(dict)) out[k] = plain(v);
  return out;
}

/**
 * Parse-time stand-ins for the warehouse readers (execute is false): empty answers, but a
 * statement's body is still rendered so the refs inside it are recorded.
 */
function parseTimeIntrospection(): Record<string, unknown> {
  const empty = () => ({ response: {}, data: [], table: AgateTable.empty() });
  return {
    run_query: () => AgateTable.empty(),
    statement: (...raw: unknown[]) => {
      const caller = splitArgs(raw).kwargs['caller'];
      if (typeof caller === 'function') caller();
      return '';
    },
    load_result: empty,
    store_result: () => '',
    store_raw_result: () => '',
    noop_statement: (...raw: unknown[]) => {
      const caller = splitArgs(raw).kwargs['caller'];
      if (typeof caller === 'function') caller();
      return '';
    },
  };
}

export function resolveScope(input: NodeScopeInput, hooks: ResolveHooks): Record<string, unknown> {
  const get = (...raw: unknown[]) => {
    const { args, kwargs } = splitArgs(raw);
    const key = String(args[0]);
    const dflt = args.length > 1 ? args[1] : (kwargs['default'] ?? null);
    const v = hooks.config[key];
    return v === undefined || v === null ? dflt : v;
  };
  const config = Object.assign(() => '', {
    get,
    require: (key: unknown) => {
      const v = hooks.config[String(key)];
      if (v === undefined || v === null) throw new Error(`Required config '${String(key)}' was not set`);
      return v;
    },
    set: () => '',
    persist_relation_docs: () => false,
    persist_column_docs: () => false,
  });
  const scope: Record<string, unknown> = {};
  Object.assign(scope, {
    ref: (...raw: unknown[]) => hooks.ref(parseRefArgs(raw)),
    source: (...raw: unknown[]) => {
      const [s, t] = parseSourceArgs(raw);
      return hooks.source(s, t);
    },
    config,
    this: input.this,
    model: input.model,
    var: input.var,
    execute: true,
    is_incremental: hooks.isIncremental ?? (() => false),
  });
  return withBuiltins(scope);
}

/**
 * dbt's `builtins`: the original ref/source/config, for projects that override them with a
 * macro of the same name. (`context`, every member by name, is the engine's: TxJinja.)
 */
function withBuiltins(scope: Record<string, unknown>): Record<string, unknown> {
  scope['builtins'] = { ref: scope['ref'], source: scope['source'], config: scope['config'] };
  return scope;
}
