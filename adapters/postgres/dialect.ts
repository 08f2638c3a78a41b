/**
 * Postgres' dialect: pure and synchronous (no driver import), so `tx compile` and plan work
 * offline. Type names normalise to what Postgres' format_type() reports, so a profile's
 * `int` and a catalog's `integer` compare equal.
 */
import type { Capabilities, Dialect, RelationRef } from '../../src/adapter/types.js';
import { doubleQuoteIdent, renderDottedRelation, type QuotingPolicy } from '../../src/adapter/sql-identifiers.js';
import { makeLiteral, standardString } from '../../src/adapter/sql-literal.js';

const capabilities: Capabilities = {
  transactions: true,
  // MERGE exists since Postgres 15; dbt-postgres only uses it from there.
  merge: true,
  // Postgres has no CREATE OR REPLACE TABLE: tables are built aside and renamed in.
  createOrReplaceTable: false,
  renameRelation: true,
  enforcedConstraints: ['not_null', 'primary_key', 'unique', 'check', 'foreign_key'],
  multiStatement: true,
  // Seeds stream through COPY … FROM STDIN (Connection.loadCsv).
  seedLoader: 'load_step',
};

/** dbt-postgres keeps BaseRelation's policy: all three parts quoted. */
const defaultQuoting = { database: true, schema: true, identifier: true } as const;

/** Postgres silently truncates longer identifiers (NAMEDATALEN - 1 bytes). */
export const MAX_IDENTIFIER_LENGTH = 63;

export const quoteIdent = doubleQuoteIdent;

function renderRelation(r: RelationRef, quoting: QuotingPolicy = defaultQuoting): string {
  return renderDottedRelation(r, quoting);
}

/** Aliases (SQL standard, Postgres internal, DuckDB spellings dbt users write) → format_type() names. */
const TYPE_ALIASES: Record<string, string> = {
  int: 'integer', int4: 'integer', integer: 'integer', signed: 'integer', serial: 'integer', serial4: 'integer', int32: 'integer',
  bigint: 'bigint', int8: 'bigint', long: 'bigint', bigserial: 'bigint', serial8: 'bigint', int64: 'bigint',
  smallint: 'smallint', int2: 'smallint', smallserial: 'smallint', serial2: 'smallint', short: 'smallint',
  // Unbounded varchar and text are the same type in Postgres.
  text: 'text', varchar: 'text', 'character varying': 'text', string: 'text',
  char: 'character(1)', character: 'character(1)', bpchar: 'bpchar',
  'double precision': 'double precision', double: 'double precision', float8: 'double precision', float64: 'double precision',
  float: 'double precision', real: 'real', float4: 'real', float32: 'real',
  bool: 'boolean', boolean: 'boolean',
  date: 'date', interval: 'interval',
  timestamp: 'timestamp without time zone', 'timestamp without time zone': 'timestamp without time zone', datetime: 'timestamp without time zone',
  timestamptz: 'timestamp with time zone', 'timestamp with time zone': 'timestamp with time zone',
  time: 'time without time zone', 'time without time zone': 'time without time zone',
  timetz: 'time with time zone', 'time with time zone': 'time with time zone',
  bytea: 'bytea', blob: 'bytea', json: 'json', jsonb: 'jsonb', uuid: 'uuid',
  numeric: 'numeric', decimal: 'numeric',
};

function withParams(base: string, params: string): string {
  const p = params.split(',').map((x) => x.trim()).join(',');
  switch (base) {
    case 'numeric':
      return p.includes(',') ? `numeric(${p})` : `numeric(${p},0)`;
    case 'text':
      return `character varying(${p})`;
    case 'character(1)':
    case 'bpchar':
      return `character(${p})`;
    case 'double precision':
      // float(p): 1..24 is real, 25..53 double precision.
      return Number(p) <= 24 ? 'real' : 'double precision';
    case 'timestamp without time zone':
      return `timestamp(${p}) without time zone`;
    case 'timestamp with time zone':
      return `timestamp(${p}) with time zone`;
    case 'time without time zone':
      return `time(${p}) without time zone`;
    case 'time with time zone':
      return `time(${p}) with time zone`;
    default:
      return `${base}(${p})`;
  }
}

export function normalizeType(t: string): string {
  const s = t.trim().replace(/\s+/g, ' ').toLowerCase();
  if (s.endsWith('[]')) return `${normalizeType(s.slice(0, -2))}[]`;
  // information_schema's udt_name spells arrays as _int4.
  if (/^_[a-z]/.test(s) && TYPE_ALIASES[s.slice(1)] !== undefined) return `${normalizeType(s.slice(1))}[]`;
  // `timestamp(3) with time zone`: parameters sit before the zone clause.
  const zoned = /^(timestamp|time)\s*\((\d+)\)\s*(with|without) time zone$/.exec(s);
  if (zoned) return `${zoned[1]}(${zoned[2]}) ${zoned[3]} time zone`;
  const m = /^([a-z_][a-z0-9_ ]*?)\s*(\((.*)\))?$/.exec(s);
  if (!m) return s;
  const base = m[1] ?? '';
  const alias = TYPE_ALIASES[base] ?? base;
  return m[3] === undefined ? alias : withParams(alias, m[3]);
}

export const literal = makeLiteral({
  nonFinite: (k) => `'${k === 'nan' ? 'NaN' : k === 'inf' ? 'Infinity' : '-Infinity'}'::double precision`,
  // standard_conforming_strings is on by default since 9.1: only quotes need doubling.
  string: standardString,
  timestamp: (utc) => `TIMESTAMP '${utc}'`,
  array: (items) => (items.length === 0 ? "'{}'" : `ARRAY[${items.join(', ')}]`),
  json: standardString,
});

export const postgresDialect: Dialect = {
  name: 'postgres',
  capabilities,
  sqlParserDialect: 'postgresql',
  defaultQuoting,
  quoteIdent,
  renderRelation,
  normalizeType,
  literal,
  paramStyle: 'dollar',
};

export default postgresDialect;
