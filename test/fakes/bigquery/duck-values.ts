/**
 * DuckDB result columns and values → BigQuery's REST encoding: TableFieldSchema with the API's
 * type names (INTEGER, FLOAT, NUMERIC, STRING, BOOLEAN, DATE, DATETIME, TIMESTAMP, …) and rows
 * as `{f: [{v}]}` with every scalar a string (TIMESTAMP as int64 microseconds, BYTES as base64).
 */
import {
  DuckDBBlobValue, DuckDBListValue, DuckDBStructValue, DuckDBTimestampTZValue, DuckDBTypeId, type DuckDBType, type DuckDBValue,
} from '@duckdb/node-api';

export interface Field {
  name: string;
  type: string;
  mode: 'NULLABLE' | 'REPEATED';
  fields?: Field[];
  precision?: string;
  scale?: string;
}

export interface Cell {
  v: unknown;
}

interface Structured {
  typeId: DuckDBTypeId;
  valueType?: DuckDBType;
  entryNames?: readonly string[];
  entryTypes?: readonly DuckDBType[];
  width?: number;
  scale?: number;
}

export function fieldOf(name: string, type: DuckDBType): Field {
  const t = type as unknown as Structured;
  switch (t.typeId) {
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return { ...fieldOf(name, t.valueType!), mode: 'REPEATED' };
    case DuckDBTypeId.STRUCT:
      return { name, type: 'RECORD', mode: 'NULLABLE', fields: (t.entryNames ?? []).map((n, i) => fieldOf(n, t.entryTypes![i]!)) };
    case DuckDBTypeId.BOOLEAN:
      return { name, type: 'BOOLEAN', mode: 'NULLABLE' };
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return { name, type: 'INTEGER', mode: 'NULLABLE' };
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return { name, type: 'FLOAT', mode: 'NULLABLE' };
    case DuckDBTypeId.DECIMAL: {
      const width = t.width ?? 38;
      const scale = t.scale ?? 0;
      const big = scale > 9 || width - scale > 29;
      return { name, type: big ? 'BIGNUMERIC' : 'NUMERIC', mode: 'NULLABLE', precision: String(width), scale: String(scale) };
    }
    case DuckDBTypeId.DATE:
      return { name, type: 'DATE', mode: 'NULLABLE' };
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_S:
      return { name, type: 'DATETIME', mode: 'NULLABLE' };
    case DuckDBTypeId.TIMESTAMP_TZ:
      return { name, type: 'TIMESTAMP', mode: 'NULLABLE' };
    case DuckDBTypeId.TIME:
      return { name, type: 'TIME', mode: 'NULLABLE' };
    case DuckDBTypeId.BLOB:
      return { name, type: 'BYTES', mode: 'NULLABLE' };
    case DuckDBTypeId.INTERVAL:
      return { name, type: 'INTERVAL', mode: 'NULLABLE' };
    default:
      return { name, type: 'STRING', mode: 'NULLABLE' };
  }
}

function scalar(f: Field, v: DuckDBValue): unknown {
  if (v === null || v === undefined) return null;
  switch (f.type) {
    case 'RECORD': {
      const entries = (v as DuckDBStructValue).entries;
      return { f: (f.fields ?? []).map((c) => ({ v: scalar(c, entries[c.name] ?? null) })) };
    }
    case 'BOOLEAN':
      return v === true ? 'true' : 'false';
    case 'FLOAT': {
      const n = Number(v);
      return Number.isNaN(n) ? 'NaN' : n === Infinity ? 'Infinity' : n === -Infinity ? '-Infinity' : String(n);
    }
    case 'DATETIME':
      return String(v).replace(' ', 'T');
    case 'TIMESTAMP':
      return String((v as DuckDBTimestampTZValue).micros);
    case 'BYTES':
      return Buffer.from((v as DuckDBBlobValue).bytes).toString('base64');
    default:
      return String(v);
  }
}

export function cellOf(f: Field, v: DuckDBValue): Cell {
  if (f.mode === 'REPEATED') {
    if (v === null) return { v: [] };
    const items = (v as DuckDBListValue).items;
    return { v: items.map((x) => ({ v: scalar({ ...f, mode: 'NULLABLE' }, x) })) };
  }
  return { v: scalar(f, v) };
}

/** A whole result as the API sends it. */
export function encodeRows(fields: readonly Field[], rows: readonly (readonly DuckDBValue[])[]): { f: Cell[] }[] {
  return rows.map((r) => ({ f: fields.map((f, i) => cellOf(f, r[i] ?? null)) }));
}
