/**
 * Result values the way the DuckDB adapter returns them, so run_query() and tests see the same
 * JS values on both: bigint → number when safe, numeric → number, date and timestamp (without
 * time zone) → Date in UTC (pg's default reads them in the process' local time zone).
 */

import { SqlDate, SqlDecimal, SqlTime, SqlTimestamp, timestampWithZone } from '../../src/adapter/sql-values.js';

export type TextParser = (value: string) => unknown;
export type ParserLookup = (oid: number, format?: 'text' | 'binary') => unknown;

export const OID = { int8: 20, numeric: 1700, date: 1082, time: 1083, timestamp: 1114, timestamptz: 1184 } as const;

export function parseInt8(s: string): number | bigint {
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : BigInt(s);
}

export function parseNumeric(s: string): number | string {
  const n = Number(s);
  // NaN/Infinity as numbers are fine; anything unparsable stays text.
  return Number.isNaN(n) && s !== 'NaN' ? s : n;
}

const DATE = /^(\d{4,})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.(\d{1,6}))?$/;

/** 'YYYY-MM-DD' at UTC midnight; infinity and BC dates stay text. */
export function parseDate(s: string): Date | string {
  const m = DATE.exec(s);
  if (!m) return s;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  d.setUTCFullYear(Number(m[1]));
  return d;
}

/** A timestamp without time zone read as UTC (as DuckDB's client does). */
export function parseTimestamp(s: string): Date | string {
  const m = TIMESTAMP.exec(s);
  if (!m) return s;
  const ms = m[8] === undefined ? 0 : Number(m[8].padEnd(3, '0').slice(0, 3));
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms));
  d.setUTCFullYear(Number(m[1]));
  return d;
}

const OVERRIDES: Record<number, TextParser> = {
  [OID.int8]: parseInt8,
  [OID.numeric]: parseNumeric,
  [OID.date]: parseDate,
  [OID.timestamp]: parseTimestamp,
};

/** A pg `types` config: our parsers for a few OIDs, pg's defaults for the rest. */
export function typeParsers(defaults: ParserLookup): { getTypeParser: ParserLookup } {
  return {
    getTypeParser: (oid, format) => (format !== 'binary' && OVERRIDES[oid]) || defaults(oid, format),
  };
}

const EXACT: Record<number, TextParser> = {
  [OID.numeric]: (s) => (/^-?\d/.test(s) ? new SqlDecimal(s) : parseNumeric(s)),
  [OID.date]: (s) => (DATE.test(s) ? new SqlDate(s) : s),
  [OID.timestamp]: (s) => (TIMESTAMP.test(s) ? new SqlTimestamp(s.replace('T', ' '), null) : s),
  [OID.timestamptz]: (s) => (/^\d{4,}-/.test(s) ? timestampWithZone(s) : s),
  [OID.time]: (s) => new SqlTime(s),
};

/** The `types` of a query run with ExecuteOptions.exact: decimals, dates and timestamps kept exact. */
export function exactTypeParsers(defaults: ParserLookup): { getTypeParser: ParserLookup } {
  return {
    getTypeParser: (oid, format) => (format !== 'binary' && (EXACT[oid] ?? OVERRIDES[oid])) || defaults(oid, format),
  };
}

/** Type names of the common result OIDs (QueryResult.columnTypes); others are reported by number. */
const TYPE_NAMES: Record<number, string> = {
  16: 'boolean', 20: 'bigint', 21: 'smallint', 23: 'integer', 25: 'text', 700: 'real', 701: 'double precision',
  1043: 'character varying', 1042: 'character', 1082: 'date', 1083: 'time', 1114: 'timestamp without time zone',
  1184: 'timestamp with time zone', 1700: 'numeric', 114: 'json', 3802: 'jsonb', 2950: 'uuid',
};

export function typeNameOf(oid: number): string {
  return TYPE_NAMES[oid] ?? `oid ${oid}`;
}
