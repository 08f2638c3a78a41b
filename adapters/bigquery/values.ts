/**
 * The REST API's schema and row encoding → tx values and type names. Rows arrive as
 * `{f: [{v}]}` with every scalar as a string (timestamps as int64 microseconds, bytes as
 * base64); values come out the way the DuckDB and Postgres adapters return them: integers as
 * numbers (bigint when unsafe), dates and timestamps as Date in UTC, numerics as numbers.
 */

/** A column of a table or query schema, as the API describes it (TableFieldSchema). */
export interface FieldSchema {
  name: string;
  type: string;
  mode?: string;
  fields?: FieldSchema[];
  maxLength?: string;
  precision?: string;
  scale?: string;
  description?: string;
}

interface Cell {
  v: unknown;
}

/** The API's legacy type names → GoogleSQL's. */
const GOOGLE_SQL: Record<string, string> = { INTEGER: 'INT64', FLOAT: 'FLOAT64', BOOLEAN: 'BOOL', RECORD: 'STRUCT' };

/** A field's type as DDL spells it: `INT64`, `NUMERIC(10, 2)`, `ARRAY<STRUCT<a INT64>>`. */
export function fieldTypeName(f: FieldSchema): string {
  const base = GOOGLE_SQL[f.type] ?? f.type;
  let t = base;
  if (base === 'STRUCT') t = `STRUCT<${(f.fields ?? []).map((c) => `${c.name} ${fieldTypeName(c)}`).join(', ')}>`;
  else if ((base === 'STRING' || base === 'BYTES') && f.maxLength) t = `${base}(${f.maxLength})`;
  else if ((base === 'NUMERIC' || base === 'BIGNUMERIC') && f.precision) t = `${base}(${f.precision}${f.scale ? `, ${f.scale}` : ''})`;
  return f.mode === 'REPEATED' ? `ARRAY<${t}>` : t;
}

function integer(s: string): number | bigint {
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : BigInt(s);
}

/** NUMERIC → number, as the Postgres adapter returns numerics; anything unparsable stays text. */
function numeric(s: string): number | string {
  const n = Number(s);
  return Number.isNaN(n) ? s : n;
}

function utcDate(y: number, m: number, d: number, h = 0, mi = 0, s = 0, ms = 0): Date {
  const out = new Date(Date.UTC(y, m - 1, d, h, mi, s, ms));
  out.setUTCFullYear(y);
  return out;
}

const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DATETIME = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

function dateValue(s: string): Date | string {
  const m = DATE.exec(s);
  return m ? utcDate(Number(m[1]), Number(m[2]), Number(m[3])) : s;
}

function datetimeValue(s: string): Date | string {
  const m = DATETIME.exec(s);
  if (!m) return s;
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  return utcDate(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms);
}

/** int64 microseconds since the epoch (formatOptions.useInt64Timestamp), or float seconds. */
function timestampValue(s: string): Date | string {
  if (/^-?\d+$/.test(s)) return new Date(Number(BigInt(s) / 1000n));
  const n = Number(s);
  return Number.isFinite(n) ? new Date(n * 1000) : s;
}

function scalar(type: string, s: string): unknown {
  switch (GOOGLE_SQL[type] ?? type) {
    case 'INT64':
      return integer(s);
    case 'FLOAT64':
      return Number(s);
    case 'NUMERIC':
    case 'BIGNUMERIC':
      return numeric(s);
    case 'BOOL':
      return s.toLowerCase() === 'true';
    case 'BYTES':
      return Buffer.from(s, 'base64');
    case 'DATE':
      return dateValue(s);
    case 'DATETIME':
      return datetimeValue(s);
    case 'TIMESTAMP':
      return timestampValue(s);
    default:
      // STRING, TIME, JSON, GEOGRAPHY, INTERVAL, RANGE: text as BigQuery renders it.
      return s;
  }
}

function single(f: FieldSchema, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (f.type === 'RECORD' || f.type === 'STRUCT') {
    const cells = (v as { f?: Cell[] }).f ?? [];
    const out: Record<string, unknown> = {};
    (f.fields ?? []).forEach((c, i) => (out[c.name] = value(c, cells[i]?.v ?? null)));
    return out;
  }
  return scalar(f.type, String(v));
}

export function value(f: FieldSchema, v: unknown): unknown {
  if (f.mode === 'REPEATED') return Array.isArray(v) ? v.map((x: Cell) => single({ ...f, mode: 'NULLABLE' }, x?.v ?? null)) : [];
  return single(f, v);
}

/** API rows (`{f: [{v}]}`) → arrays of values in schema order. */
export function decodeRows(fields: readonly FieldSchema[], rows: readonly unknown[]): unknown[][] {
  return rows.map((r) => {
    const cells = (r as { f?: Cell[] }).f ?? [];
    return fields.map((f, i) => value(f, cells[i]?.v ?? null));
  });
}
