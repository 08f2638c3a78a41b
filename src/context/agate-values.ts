/**
 * Query results as dbt's agate tables hold them: each value as its Python type (int, float,
 * Decimal, bool, str, datetime.date/datetime, JSON text for lists and dicts), then each column
 * cast as dbt's type tester casts it (agate_helper: Integer, Number, Date, DateTime, Boolean,
 * Text, in that order; dbt's Number refuses booleans). So a column mixing ints and floats holds
 * Decimals, and a column holding any string is text.
 */
import { SqlDate, SqlDecimal, SqlTime, SqlTimestamp } from '../adapter/sql-values.js';
import { PyDecimal } from '../jinja/py-decimal.js';
import { PyDate, PyDateTime, checkedDays } from '../jinja/py-datetime.js';
import { offsetTz } from '../jinja/py-timezone.js';
import { PyFloat, mkFloat } from '../jinja/py-types.js';
import { jsonDumps, pyStr } from '../jinja/py-values.js';
import { floatRepr } from '../jinja/py-repr.js';

const FLOAT_TYPE = /^(double|float|real|float4|float8|double precision)\b/i;
const DECIMAL_TYPE = /^(decimal|numeric|number|bignumeric)\b/i;
const DATE_TYPE = /^date$/i;

function timestamp(text: string, offset: string | null): PyDateTime {
  const m = /^(\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?/.exec(text);
  if (!m) return new PyDateTime(0, 0);
  const days = checkedDays(Number(m[1]), Number(m[2]), Number(m[3]));
  const us = ((Number(m[4]) * 60 + Number(m[5])) * 60 + Number(m[6])) * 1_000_000 + Number((m[7] ?? '0').slice(0, 6).padEnd(6, '0'));
  return new PyDateTime(days, us, offset === null ? null : offsetTz(offset));
}

/** One value as the Python DB-API driver would give it. */
export function pythonValue(v: unknown, sqlType: string | undefined): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof SqlDecimal) return PyDecimal.parse(v.text) ?? v.text;
  if (v instanceof SqlDate) {
    const m = /^(\d{4,})-(\d{2})-(\d{2})$/.exec(v.text);
    return m ? new PyDate(checkedDays(Number(m[1]), Number(m[2]), Number(m[3]))) : v.text;
  }
  if (v instanceof SqlTimestamp) return timestamp(v.text, v.offset);
  if (v instanceof SqlTime) return v.text;
  if (typeof v === 'number') {
    if (sqlType !== undefined && DECIMAL_TYPE.test(sqlType)) return PyDecimal.parse(String(v)) ?? v;
    return sqlType !== undefined && FLOAT_TYPE.test(sqlType) ? mkFloat(v) : v;
  }
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (v instanceof Date) {
    const us = v.getTime() * 1000;
    const days = Math.floor(us / 86_400_000_000);
    return sqlType !== undefined && DATE_TYPE.test(sqlType) ? new PyDate(days) : new PyDateTime(days, us - days * 86_400_000_000);
  }
  // Containers become JSON text, as dbt's table_from_data_flat stores them.
  if (Array.isArray(v) || typeof v === 'object') return jsonDumps(v, false);
  return v;
}

type Kind = 'integer' | 'number' | 'date' | 'datetime' | 'boolean' | 'text';

const isInt = (v: unknown) => (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
const isNum = (v: unknown) => typeof v === 'number' || typeof v === 'bigint' || v instanceof PyFloat || v instanceof PyDecimal;
const isDate = (v: unknown) => v instanceof PyDate && !(v instanceof PyDateTime);

/** The agate type dbt's type tester gives a column of Python values (any str makes it Text). */
function columnKind(values: readonly unknown[]): Kind {
  const present = values.filter((v) => v !== null);
  if (present.every(isInt)) return 'integer';
  if (present.every(isNum)) return 'number';
  if (present.every(isDate)) return 'date';
  if (present.every((v) => v instanceof PyDate)) return 'datetime';
  if (present.every((v) => typeof v === 'boolean')) return 'boolean';
  return 'text';
}

function cast(kind: Kind, v: unknown): unknown {
  if (v === null) return null;
  switch (kind) {
    case 'number':
      if (v instanceof PyDecimal) return v;
      // agate's Number.cast: Decimal(int), Decimal(repr(float)).
      if (v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v))) return PyDecimal.parse(floatRepr(Number(v))) ?? v;
      return PyDecimal.from(v as number | bigint);
    case 'datetime':
      return v instanceof PyDateTime ? v : new PyDateTime((v as PyDate).days, 0);
    case 'text':
      return typeof v === 'string' ? v : pyStr(v);
    default:
      return v;
  }
}

export interface AgateColumnsData {
  names: string[];
  /** agate's type name per column: Integer, Number, Date, DateTime, Text. */
  types: string[];
  rows: unknown[][];
}

const TYPE_NAMES: Record<Kind, string> = { integer: 'Integer', number: 'Number', date: 'Date', datetime: 'DateTime', boolean: 'Boolean', text: 'Text' };

/** Rows of driver values → rows of agate-cast Python values. */
export function agateData(names: readonly string[], rows: readonly (readonly unknown[])[], sqlTypes?: readonly string[]): AgateColumnsData {
  const py = rows.map((r) => names.map((_, j) => pythonValue(r[j], sqlTypes?.[j])));
  // Containers and unreadable values are already str here (see pythonValue), so they make a column Text.
  const kinds = names.map((_, j) => columnKind(py.map((r) => r[j])));
  return {
    names: [...names],
    types: kinds.map((k) => TYPE_NAMES[k]),
    rows: py.map((r) => r.map((v, j) => cast(kinds[j] ?? 'text', v))),
  };
}
