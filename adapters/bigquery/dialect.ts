/**
 * BigQuery's dialect (GoogleSQL): pure and synchronous, no SDK import, so `tx compile` works
 * offline. Relations render as `project`.`dataset`.`table`; type names normalise to the
 * canonical GoogleSQL names (INT64, FLOAT64, STRING, BOOL, …) so a profile's `integer`, a
 * seed's inferred `BIGINT` and the API's `INTEGER` compare equal.
 */
import type { Capabilities, Dialect, RelationRef } from '../../src/adapter/types.js';
import { renderDottedRelation, type QuotingPolicy } from '../../src/adapter/sql-identifiers.js';
import { makeLiteral, standardString } from '../../src/adapter/sql-literal.js';

const capabilities: Capabilities = {
  // BigQuery cannot hold DDL in a transaction: tables are replaced with CREATE OR REPLACE,
  // and the connection treats begin/commit/rollback as no-ops, as dbt-bigquery's does.
  transactions: false,
  merge: true,
  createOrReplaceTable: true,
  // ALTER TABLE … RENAME exists for tables only (not views), and never atomically with a swap.
  renameRelation: false,
  enforcedConstraints: ['not_null'],
  // Primary and foreign keys are declared NOT ENFORCED; unique and check do not exist.
  unsupportedConstraints: ['unique', 'check'],
  multiStatement: true,
  // Seeds go through a session's temporary staging table filled by parameterised inserts.
  seedLoader: 'load_step',
  // dbt-bigquery: merge (the default), insert_overwrite and microbatch (which needs partitions at
  // the batch size), nothing else; checked before anything is built.
  incrementalStrategies: { names: ['merge', 'insert_overwrite', 'microbatch'], strict: true, default: 'merge', microbatchPartitioned: true },
};

/** dbt-bigquery's BigQueryQuotePolicy: every part quoted. */
const defaultQuoting = { database: true, schema: true, identifier: true } as const;

/** Backticks; a backtick or backslash inside the name is escaped with a backslash. */
export function quoteIdent(id: string): string {
  return `\`${id.replace(/[\\`]/g, (c) => `\\${c}`)}\``;
}

function renderRelation(r: RelationRef, quoting: QuotingPolicy = defaultQuoting): string {
  return renderDottedRelation(r, quoting, quoteIdent);
}

/** Spellings users and other warehouses write (and the REST API's legacy names) → GoogleSQL. */
const TYPE_ALIASES: Record<string, string> = {
  int64: 'INT64', int: 'INT64', integer: 'INT64', bigint: 'INT64', smallint: 'INT64', tinyint: 'INT64',
  byteint: 'INT64', int2: 'INT64', int4: 'INT64', int8: 'INT64', hugeint: 'INT64', long: 'INT64', int32: 'INT64',
  float64: 'FLOAT64', float: 'FLOAT64', double: 'FLOAT64', 'double precision': 'FLOAT64', real: 'FLOAT64',
  float4: 'FLOAT64', float8: 'FLOAT64', float32: 'FLOAT64',
  numeric: 'NUMERIC', decimal: 'NUMERIC', bignumeric: 'BIGNUMERIC', bigdecimal: 'BIGNUMERIC',
  string: 'STRING', varchar: 'STRING', text: 'STRING', char: 'STRING', character: 'STRING',
  'character varying': 'STRING', nvarchar: 'STRING', bpchar: 'STRING',
  bool: 'BOOL', boolean: 'BOOL', logical: 'BOOL',
  bytes: 'BYTES', blob: 'BYTES', bytea: 'BYTES', binary: 'BYTES', varbinary: 'BYTES',
  date: 'DATE', datetime: 'DATETIME', 'timestamp without time zone': 'DATETIME',
  timestamp: 'TIMESTAMP', timestamptz: 'TIMESTAMP', 'timestamp with time zone': 'TIMESTAMP',
  time: 'TIME', 'time without time zone': 'TIME', interval: 'INTERVAL',
  json: 'JSON', geography: 'GEOGRAPHY', record: 'STRUCT', struct: 'STRUCT', array: 'ARRAY', range: 'RANGE',
};

/** Parameters GoogleSQL keeps (NUMERIC(10, 2), STRING(20), BYTES(8)); other types take none. */
const PARAMETERISED = new Set(['NUMERIC', 'BIGNUMERIC', 'STRING', 'BYTES']);

/** Splits `a, b<c, d>, e` at top-level commas. */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '<' || c === '(') depth++;
    else if (c === '>' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(s.slice(start).trim());
  return out.filter((p) => p !== '');
}

function normalizeStructField(f: string): string {
  const m = /^(`[^`]+`|[A-Za-z_][A-Za-z0-9_]*)\s+(.+)$/s.exec(f);
  return m ? `${m[1]} ${normalizeType(m[2] ?? '')}` : normalizeType(f);
}

export function normalizeType(t: string): string {
  const s = t.trim().replace(/\s+/g, ' ');
  // DuckDB/Postgres array spellings (`int[]`) read as ARRAY<…>.
  if (s.endsWith('[]')) return `ARRAY<${normalizeType(s.slice(0, -2))}>`;
  const generic = /^([A-Za-z_][A-Za-z0-9_]*)\s*<(.*)>$/s.exec(s);
  if (generic) {
    const base = TYPE_ALIASES[(generic[1] ?? '').toLowerCase()] ?? (generic[1] ?? '').toUpperCase();
    const inner = generic[2] ?? '';
    if (base === 'STRUCT') return `STRUCT<${splitTopLevel(inner).map(normalizeStructField).join(', ')}>`;
    return `${base}<${normalizeType(inner)}>`;
  }
  const m = /^([a-z_][a-z0-9_ ]*?)\s*(\((.*)\))?$/i.exec(s);
  if (!m) return s.toUpperCase();
  const base = (m[1] ?? '').toLowerCase();
  const alias = TYPE_ALIASES[base] ?? base.toUpperCase();
  const params = m[3];
  if (params === undefined || !PARAMETERISED.has(alias)) return alias;
  return `${alias}(${params.split(',').map((p) => p.trim()).join(', ')})`;
}

/** GoogleSQL string literal: single quotes, with backslash escapes for quotes, backslashes and control characters. */
function stringLiteral(s: string): string {
  const body = s.replace(/[\\'\n\r\t\0]/g, (c) => ({ '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\\0' })[c] ?? c);
  return `'${body}'`;
}

export const literal = makeLiteral({
  nonFinite: (k) => `CAST('${k === 'nan' ? 'NaN' : k}' AS FLOAT64)`,
  string: stringLiteral,
  timestamp: (utc) => `TIMESTAMP '${utc}+00'`,
  array: (items) => `[${items.join(', ')}]`,
  json: (text) => `JSON ${stringLiteral(text)}`,
});

export const bigqueryDialect: Dialect = {
  name: 'bigquery',
  capabilities,
  sqlParserDialect: 'bigquery',
  defaultQuoting,
  quoteIdent,
  renderRelation,
  normalizeType,
  literal,
  paramStyle: 'question',
  // dbt-snowflake's and dbt-bigquery's relations: a filtered ref() subquery takes no alias.
  requireAlias: false,
};

export default bigqueryDialect;
