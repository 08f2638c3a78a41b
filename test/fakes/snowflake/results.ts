/**
 * DuckDB results in Snowflake's JSON result format: a rowtype (fixed, real, text, boolean, date,
 * timestamp_ntz, timestamp_tz, time, variant, binary with precision/scale) and every value as
 * the string the SDK parses (numbers as decimal text, dates as days since the epoch, timestamps
 * as epoch seconds with nine fractional digits, booleans as 1/0).
 */
import { DuckDBTypeId, type DuckDBResultReader, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';

export interface RowType {
  name: string;
  type: string;
  precision: number | null;
  scale: number | null;
  length: number | null;
  byteLength: number | null;
  nullable: boolean;
  database: string;
  schema: string;
  table: string;
}

export interface EncodedResult {
  rowtype: RowType[];
  rowset: (string | null)[][];
}

function sfType(t: DuckDBType): Pick<RowType, 'type' | 'precision' | 'scale' | 'length' | 'byteLength'> {
  const base = { precision: null, scale: null, length: null, byteLength: null };
  switch (t.typeId) {
    case DuckDBTypeId.TINYINT: case DuckDBTypeId.SMALLINT: case DuckDBTypeId.INTEGER: case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT: case DuckDBTypeId.UTINYINT: case DuckDBTypeId.USMALLINT: case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT: case DuckDBTypeId.UHUGEINT: case DuckDBTypeId.INTEGER_LITERAL:
      return { ...base, type: 'fixed', precision: 38, scale: 0 };
    case DuckDBTypeId.DECIMAL: {
      const m = /DECIMAL\((\d+),(\d+)\)/.exec(t.toString());
      return { ...base, type: 'fixed', precision: Number(m?.[1] ?? 38), scale: Number(m?.[2] ?? 0) };
    }
    case DuckDBTypeId.FLOAT: case DuckDBTypeId.DOUBLE:
      return { ...base, type: 'real' };
    case DuckDBTypeId.BOOLEAN:
      return { ...base, type: 'boolean' };
    case DuckDBTypeId.DATE:
      return { ...base, type: 'date' };
    case DuckDBTypeId.TIMESTAMP: case DuckDBTypeId.TIMESTAMP_S: case DuckDBTypeId.TIMESTAMP_MS: case DuckDBTypeId.TIMESTAMP_NS:
      return { ...base, type: 'timestamp_ntz', scale: 9 };
    case DuckDBTypeId.TIMESTAMP_TZ:
      return { ...base, type: 'timestamp_tz', scale: 9 };
    case DuckDBTypeId.TIME:
      return { ...base, type: 'time', scale: 9 };
    case DuckDBTypeId.BLOB:
      return { ...base, type: 'binary', length: 8388608, byteLength: 8388608 };
    case DuckDBTypeId.LIST: case DuckDBTypeId.ARRAY: case DuckDBTypeId.STRUCT: case DuckDBTypeId.MAP:
      return { ...base, type: 'variant' };
    default:
      return /^JSON$/.test(t.toString()) ? { ...base, type: 'variant' } : { ...base, type: 'text', length: 16777216, byteLength: 16777216 };
  }
}

/** Epoch units → "seconds.nnnnnnnnn" (floor division, so times before 1970 stay right). */
function epochText(units: bigint, perSecond: bigint): string {
  let secs = units / perSecond;
  let frac = units % perSecond;
  if (frac < 0n) {
    secs -= 1n;
    frac += perSecond;
  }
  const nanos = frac * (1_000_000_000n / perSecond);
  return `${secs}.${nanos.toString().padStart(9, '0')}`;
}

function hasField<K extends string>(v: unknown, k: K): v is Record<K, unknown> {
  return v !== null && typeof v === 'object' && k in v;
}

function encode(v: DuckDBValue, t: DuckDBType, json: unknown): string | null {
  if (v === null || v === undefined) return null;
  switch (t.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return v === true ? '1' : '0';
    case DuckDBTypeId.DATE:
      return hasField(v, 'days') ? String(v.days) : String(v);
    case DuckDBTypeId.TIMESTAMP: case DuckDBTypeId.TIMESTAMP_TZ: case DuckDBTypeId.TIME: {
      const text = hasField(v, 'micros') ? epochText(BigInt(v.micros as bigint), 1_000_000n) : String(v);
      return t.typeId === DuckDBTypeId.TIMESTAMP_TZ ? `${text} 1440` : text;
    }
    case DuckDBTypeId.TIMESTAMP_S:
      return hasField(v, 'seconds') ? epochText(BigInt(v.seconds as bigint), 1n) : String(v);
    case DuckDBTypeId.TIMESTAMP_MS:
      return hasField(v, 'millis') ? epochText(BigInt(v.millis as bigint), 1_000n) : String(v);
    case DuckDBTypeId.TIMESTAMP_NS:
      return hasField(v, 'nanos') ? epochText(BigInt(v.nanos as bigint), 1_000_000_000n) : String(v);
    case DuckDBTypeId.FLOAT: case DuckDBTypeId.DOUBLE: {
      const n = Number(v);
      return Number.isNaN(n) ? 'NaN' : n === Infinity ? 'inf' : n === -Infinity ? '-inf' : String(n);
    }
    case DuckDBTypeId.BLOB:
      return hasField(v, 'bytes') ? Buffer.from(v.bytes as Uint8Array).toString('hex') : String(v);
    case DuckDBTypeId.LIST: case DuckDBTypeId.ARRAY: case DuckDBTypeId.STRUCT: case DuckDBTypeId.MAP:
      return JSON.stringify(json);
    default:
      return String(v);
  }
}

export function encodeResult(reader: DuckDBResultReader): EncodedResult {
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const rowtype = names.map((name, i) => ({
    name, ...sfType(types[i]!), nullable: true, database: '', schema: '', table: '',
  }));
  const complex = types.some((t) => [DuckDBTypeId.LIST, DuckDBTypeId.ARRAY, DuckDBTypeId.STRUCT, DuckDBTypeId.MAP].includes(t.typeId));
  const json: unknown[][] = complex ? reader.getRowsJson() : [];
  const rowset = reader.getRows().map((row, r) => row.map((v, c) => encode(v, types[c]!, json[r]?.[c])));
  return { rowtype, rowset };
}

/** A one-row result of counts (what DML returns), or a status message (what DDL returns). */
export function countResult(columns: string[], counts: number[]): EncodedResult {
  return {
    rowtype: columns.map((name) => ({ name, type: 'fixed', precision: 19, scale: 0, length: null, byteLength: null, nullable: false, database: '', schema: '', table: '' })),
    rowset: [counts.map(String)],
  };
}

export function statusResult(message: string): EncodedResult {
  return {
    rowtype: [{ name: 'status', type: 'text', precision: null, scale: null, length: 16777216, byteLength: 16777216, nullable: true, database: '', schema: '', table: '' }],
    rowset: [[message]],
  };
}
