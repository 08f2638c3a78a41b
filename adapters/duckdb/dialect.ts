/**
 * DuckDB's dialect: pure and synchronous (no driver import), so `tx compile` and plan
 * can use it without loading the native module.
 */
import type { Capabilities, Dialect, RelationRef } from '../../src/adapter/types.js';
import { doubleQuoteIdent, renderDottedRelation, type QuotingPolicy } from '../../src/adapter/sql-identifiers.js';
import { makeLiteral, standardString } from '../../src/adapter/sql-literal.js';

const capabilities: Capabilities = {
  transactions: true,
  // MERGE INTO exists since DuckDB 1.4 (the bundled client is 1.5).
  merge: true,
  createOrReplaceTable: true,
  renameRelation: true,
  // dbt-duckdb declares foreign keys ENFORCED too, but DuckDB then refuses to rename or drop the
  // referenced table, so its next build-and-swap would fail: they stay out of the DDL, with a warning.
  enforcedConstraints: ['not_null', 'primary_key', 'unique', 'check'],
  unsupportedConstraints: ['foreign_key'],
  multiStatement: true,
};

/** dbt-duckdb keeps BaseRelation's policy: all three parts quoted ("db"."schema"."table"). */
const defaultQuoting = { database: true, schema: true, identifier: true } as const;

export const quoteIdent = doubleQuoteIdent;

function renderRelation(r: RelationRef, quoting: QuotingPolicy = defaultQuoting): string {
  return renderDottedRelation(r, quoting);
}

/** Aliases → the name DuckDB reports in DESCRIBE / information_schema. */
const TYPE_ALIASES: Record<string, string> = {
  int: 'INTEGER', int4: 'INTEGER', integer: 'INTEGER', signed: 'INTEGER', int32: 'INTEGER',
  bigint: 'BIGINT', int8: 'BIGINT', long: 'BIGINT', int64: 'BIGINT',
  smallint: 'SMALLINT', int2: 'SMALLINT', short: 'SMALLINT', int16: 'SMALLINT',
  tinyint: 'TINYINT', int1: 'TINYINT',
  hugeint: 'HUGEINT', int128: 'HUGEINT',
  ubigint: 'UBIGINT', uinteger: 'UINTEGER', usmallint: 'USMALLINT', utinyint: 'UTINYINT', uhugeint: 'UHUGEINT',
  varchar: 'VARCHAR', text: 'VARCHAR', string: 'VARCHAR', char: 'VARCHAR', bpchar: 'VARCHAR',
  'character varying': 'VARCHAR', character: 'VARCHAR', nvarchar: 'VARCHAR',
  double: 'DOUBLE', float8: 'DOUBLE', 'double precision': 'DOUBLE', float64: 'DOUBLE',
  float: 'FLOAT', float4: 'FLOAT', real: 'FLOAT', float32: 'FLOAT',
  bool: 'BOOLEAN', boolean: 'BOOLEAN', logical: 'BOOLEAN',
  date: 'DATE', time: 'TIME', 'time without time zone': 'TIME', interval: 'INTERVAL',
  timestamp: 'TIMESTAMP', datetime: 'TIMESTAMP', 'timestamp without time zone': 'TIMESTAMP',
  timestamptz: 'TIMESTAMP WITH TIME ZONE', 'timestamp with time zone': 'TIMESTAMP WITH TIME ZONE',
  timetz: 'TIME WITH TIME ZONE', 'time with time zone': 'TIME WITH TIME ZONE',
  blob: 'BLOB', bytea: 'BLOB', binary: 'BLOB', varbinary: 'BLOB',
  uuid: 'UUID', json: 'JSON',
};

export function normalizeType(t: string): string {
  const s = t.trim().replace(/\s+/g, ' ');
  if (s.endsWith('[]')) return `${normalizeType(s.slice(0, -2))}[]`;
  const m = /^([a-z_][a-z0-9_ ]*?)\s*(\((.*)\))?$/i.exec(s);
  if (!m) return s.toUpperCase();
  const base = (m[1] ?? '').toLowerCase();
  const params = m[3];
  if (base === 'numeric' || base === 'decimal') {
    if (params === undefined) return 'DECIMAL(18,3)'; // DuckDB's default width/scale
    const [p, sc] = params.split(',').map((x) => x.trim());
    return `DECIMAL(${p},${sc ?? '0'})`;
  }
  const alias = TYPE_ALIASES[base];
  // DuckDB ignores VARCHAR(n) lengths and reports plain VARCHAR.
  if (alias !== undefined) return alias;
  return params === undefined ? base.toUpperCase() : `${base.toUpperCase()}(${params})`;
}

export const literal = makeLiteral({
  nonFinite: (k) => `'${k}'::DOUBLE`,
  string: standardString,
  timestamp: (utc) => `TIMESTAMP '${utc}'`,
  array: (items) => `[${items.join(', ')}]`,
  json: standardString,
});

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  capabilities,
  sqlParserDialect: 'postgresql',
  defaultQuoting,
  quoteIdent,
  renderRelation,
  normalizeType,
  literal,
};

export default duckdbDialect;
