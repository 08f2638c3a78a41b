/**
 * Snowflake's dialect: pure and synchronous (the SDK is never imported here), so `tx compile`
 * and planning work offline with no credentials.
 *
 * Identifiers: Snowflake folds unquoted names to upper case and keeps quoted names exactly.
 * dbt-snowflake's default quoting policy is all-false, so relations render unquoted
 * (`analytics.public.orders` means ANALYTICS.PUBLIC.ORDERS). quoteIdent upper-cases a name that
 * is lower-case and plain (what Snowflake would have folded it to unquoted): tx's shared
 * planning code quotes column names it read from the project (seed headers, snapshot meta
 * columns, unit-test fixtures), which dbt-snowflake reads back from the warehouse in upper case,
 * so `"ID"` is the column a model wrote as `id`. Mixed-case and unusual names stay exact.
 */
import type { Capabilities, Dialect, RelationRef } from '../../src/adapter/types.js';
import { renderDottedRelation, type QuotingPolicy } from '../../src/adapter/sql-identifiers.js';
import { makeLiteral, standardString } from '../../src/adapter/sql-literal.js';

const capabilities: Capabilities = {
  transactions: true,
  // Snowflake commits the open transaction before every DDL statement.
  ddlInTransactions: false,
  merge: true,
  createOrReplaceTable: true,
  renameRelation: true,
  // dbt-snowflake: NOT NULL is enforced; primary/unique/foreign keys are declared, not enforced.
  enforcedConstraints: ['not_null'],
  unsupportedConstraints: ['check'],
  // The connection splits a multi-statement string and runs its statements one by one.
  multiStatement: true,
  // Batched parameterised inserts into a staging table (no stage upload).
  seedLoader: 'load_step',
  // dbt-snowflake's valid_incremental_strategies (insert_overwrite replaces the whole table).
  incrementalStrategies: { names: ['append', 'merge', 'delete+insert', 'insert_overwrite', 'microbatch'] },
};

/** dbt-snowflake's SnowflakeQuotePolicy: nothing quoted. */
const defaultQuoting = { database: false, schema: false, identifier: false } as const;

/** Snowflake's identifier limit, in characters. */
export const MAX_IDENTIFIER_LENGTH = 255;

const PLAIN_LOWER = /^[a-z_][a-z0-9_$]*$/;
const PLAIN = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** The name Snowflake stores for `id` written unquoted: plain names fold to upper case. */
export function foldIdent(id: string): string {
  return PLAIN.test(id) ? id.toUpperCase() : id;
}

export function quoteIdent(id: string): string {
  const name = PLAIN_LOWER.test(id) ? id.toUpperCase() : id;
  return `"${name.replace(/"/g, '""')}"`;
}

/** An identifier as written in SQL the adapter generates: plain names bare, anything else quoted exactly. */
export function bareIdent(id: string): string {
  return PLAIN.test(id) ? id : `"${id.replace(/"/g, '""')}"`;
}

function renderRelation(r: RelationRef, quoting: QuotingPolicy = defaultQuoting): string {
  return renderDottedRelation(r, quoting, quoteIdent);
}

/** Synonyms → the name Snowflake's DESCRIBE reports (TIMESTAMP means TIMESTAMP_NTZ by default). */
const TYPE_ALIASES: Record<string, string> = {
  number: 'NUMBER', numeric: 'NUMBER', decimal: 'NUMBER',
  int: 'INT', integer: 'INT', bigint: 'INT', smallint: 'INT', tinyint: 'INT', byteint: 'INT',
  int4: 'INT', int8: 'INT', int2: 'INT', int32: 'INT', int64: 'INT', hugeint: 'INT', long: 'INT', signed: 'INT',
  float: 'FLOAT', float4: 'FLOAT', float8: 'FLOAT', double: 'FLOAT', 'double precision': 'FLOAT', real: 'FLOAT',
  float32: 'FLOAT', float64: 'FLOAT',
  varchar: 'VARCHAR', text: 'VARCHAR', string: 'VARCHAR', 'character varying': 'VARCHAR', nvarchar: 'VARCHAR',
  nvarchar2: 'VARCHAR', 'char varying': 'VARCHAR', 'nchar varying': 'VARCHAR', bpchar: 'VARCHAR',
  char: 'CHAR', character: 'CHAR', nchar: 'CHAR',
  boolean: 'BOOLEAN', bool: 'BOOLEAN', logical: 'BOOLEAN',
  date: 'DATE', time: 'TIME', 'time without time zone': 'TIME',
  timestamp: 'TIMESTAMP_NTZ', timestamp_ntz: 'TIMESTAMP_NTZ', datetime: 'TIMESTAMP_NTZ', 'timestamp without time zone': 'TIMESTAMP_NTZ',
  timestamp_ltz: 'TIMESTAMP_LTZ', timestamptz: 'TIMESTAMP_TZ', timestamp_tz: 'TIMESTAMP_TZ', 'timestamp with time zone': 'TIMESTAMP_TZ',
  variant: 'VARIANT', json: 'VARIANT', jsonb: 'VARIANT', object: 'OBJECT', array: 'ARRAY',
  binary: 'BINARY', varbinary: 'BINARY', blob: 'BINARY', bytea: 'BINARY',
  geography: 'GEOGRAPHY', geometry: 'GEOMETRY', uuid: 'VARCHAR',
};

/** VARCHAR's maximum (and default) length: VARCHAR and VARCHAR(16777216) are one type. */
const MAX_VARCHAR = 16777216;

export function normalizeType(t: string): string {
  const s = t.trim().replace(/\s+/g, ' ');
  const m = /^([a-z_][a-z0-9_ ]*?)\s*(\((.*)\))?$/i.exec(s);
  if (!m) return s.toUpperCase();
  const base = TYPE_ALIASES[(m[1] ?? '').toLowerCase()] ?? (m[1] ?? '').toUpperCase();
  const params = m[3]?.split(',').map((p) => p.trim());
  switch (base) {
    case 'INT':
      return 'NUMBER(38,0)';
    case 'NUMBER':
      return params === undefined ? 'NUMBER(38,0)' : `NUMBER(${params[0]},${params[1] ?? '0'})`;
    case 'VARCHAR':
      return params === undefined || Number(params[0]) === MAX_VARCHAR ? 'VARCHAR' : `VARCHAR(${params[0]})`;
    case 'CHAR':
      return `VARCHAR(${params?.[0] ?? '1'})`;
    case 'TIMESTAMP_NTZ':
    case 'TIMESTAMP_LTZ':
    case 'TIMESTAMP_TZ':
    case 'TIME':
      // 9 (nanoseconds) is the default precision.
      return params === undefined || params[0] === '9' ? base : `${base}(${params[0]})`;
    case 'BINARY':
      return params === undefined || Number(params[0]) === 8388608 ? 'BINARY' : `BINARY(${params[0]})`;
    case 'FLOAT':
    case 'BOOLEAN':
    case 'DATE':
    case 'VARIANT':
    case 'OBJECT':
    case 'ARRAY':
      return base;
    default:
      return params === undefined ? base : `${base}(${params.join(',')})`;
  }
}

export const literal = makeLiteral({
  nonFinite: (k) => `'${k === 'nan' ? 'NaN' : k}'::FLOAT`,
  // Snowflake treats backslash as an escape in string literals: double it, and double quotes.
  string: (s) => standardString(s.replace(/\\/g, '\\\\')),
  timestamp: (utc) => `'${utc}'::TIMESTAMP_NTZ`,
  array: (items) => `ARRAY_CONSTRUCT(${items.join(', ')})`,
  json: (text) => `PARSE_JSON(${standardString(text.replace(/\\/g, '\\\\'))})`,
});

export const snowflakeDialect: Dialect = {
  name: 'snowflake',
  capabilities,
  sqlParserDialect: 'snowflake',
  defaultQuoting,
  quoteIdent,
  renderRelation,
  normalizeType,
  literal,
  paramStyle: 'question',
  // dbt-snowflake's and dbt-bigquery's relations: a filtered ref() subquery takes no alias.
  requireAlias: false,
};

export default snowflakeDialect;
