/**
 * dbt's Column (dbt/adapters/base/column.py) as templates see it: `column`/`name`, `dtype`,
 * `char_size`, `numeric_precision`/`numeric_scale`, `data_type` (a string type with its size,
 * a numeric type with precision and scale), `quoted`, the is_string()/is_number()/... tests,
 * string_size(), can_expand_to(), literal(), and the `<Column id (integer)>` repr. Snowflake and
 * BigQuery spell types and quotes as their adapters' Column subclasses do.
 */
import { TxCodes, TxError } from '../errors/tx-error.js';
import { PY_REPR } from '../jinja/py-types.js';
import { splitArgs } from './call-args.js';

const STRING = ['text', 'character varying', 'character', 'varchar'];
const FLOAT = ['real', 'float4', 'float', 'double precision', 'float8', 'double'];
const INTEGER = ['smallint', 'integer', 'bigint', 'smallserial', 'serial', 'bigserial', 'int2', 'int4', 'int8', 'serial2', 'serial4', 'serial8'];
const NUMERIC = ['numeric', 'decimal'];
/** Column.TYPE_LABELS: what Column.create(name, label) translates. */
const TYPE_LABELS: Record<string, string> = { STRING: 'TEXT', TIMESTAMP: 'TIMESTAMP', FLOAT: 'FLOAT', INTEGER: 'INT', BOOLEAN: 'BOOLEAN', BIGINT: 'BIGINT' };

interface Flavor {
  string: string[];
  float: string[];
  integer: string[];
  numeric: string[];
  quote: (name: string) => string;
  stringType: (size: number) => string;
  /** string_size() of a string column without a size. */
  unsized: number;
  /** BigQuery reports data_type as the type itself. */
  plainDataType?: boolean;
}

const BASE: Flavor = { string: STRING, float: FLOAT, integer: INTEGER, numeric: NUMERIC, quote: (n) => `"${n}"`, stringType: (n) => `character varying(${n})`, unsized: 256 };
const FLAVORS: Record<string, Flavor> = {
  duckdb: { ...BASE, string: [...STRING, 'string'], integer: [...INTEGER, 'tinyint', 'hugeint', 'utinyint', 'usmallint', 'uinteger', 'ubigint', 'int1', 'int', 'long', 'short', 'signed'] },
  snowflake: { ...BASE, string: [...STRING, 'string'], integer: [...INTEGER, 'int', 'number'], numeric: [...NUMERIC, 'number'], stringType: (n) => `varchar(${n})`, unsized: 16777216 },
  bigquery: {
    ...BASE, string: ['string'], float: ['float64', 'float'], integer: ['int64', 'integer', 'int'], numeric: ['numeric', 'bignumeric'],
    quote: (n) => `\`${n}\``, stringType: () => 'string', unsized: 0, plainDataType: true,
  },
};

export function columnFlavor(adapterType: string): Flavor {
  return FLAVORS[adapterType] ?? BASE;
}

export class Column {
  constructor(
    private readonly flavor: Flavor,
    readonly column: string,
    readonly dtype: string,
    readonly char_size: number | null = null,
    readonly numeric_precision: unknown = null,
    readonly numeric_scale: unknown = null,
  ) {}

  get name(): string { return this.column; }
  get quoted(): string { return this.flavor.quote(this.column); }
  get data_type(): string {
    if (this.flavor.plainDataType) return this.dtype;
    if (this.is_string()) return this.flavor.stringType(this.string_size());
    if (this.is_numeric() && this.numeric_precision !== null && this.numeric_scale !== null) return `${this.dtype}(${String(this.numeric_precision)},${String(this.numeric_scale)})`;
    return this.dtype;
  }
  private is(list: string[]): boolean { return list.includes(this.dtype.toLowerCase()); }
  is_string(): boolean { return this.is(this.flavor.string); }
  is_float(): boolean { return this.is(this.flavor.float); }
  is_integer(): boolean { return this.is(this.flavor.integer); }
  is_numeric(): boolean { return this.is(this.flavor.numeric); }
  is_number(): boolean { return this.is_integer() || this.is_numeric() || this.is_float(); }
  string_size(): number {
    if (!this.is_string()) throw new TxError({ code: TxCodes.TemplateRender, message: 'Called string_size() on non-string field!' });
    return this.dtype === 'text' || this.char_size === null ? this.flavor.unsized : this.char_size;
  }
  can_expand_to(other: unknown): boolean {
    return other instanceof Column && this.is_string() && other.is_string() && other.string_size() > this.string_size();
  }
  literal(value: unknown): string { return `${String(value)}::${this.data_type}`; }
  toString(): string { return this[PY_REPR](); }
  [PY_REPR](): string { return `<Column ${this.name} (${this.data_type})>`; }
}

/** A warehouse type as reported (`DECIMAL(10,2)`, `character varying(20)`) → a Column. */
export function columnFromType(adapterType: string, name: string, dataType: string): Column {
  const flavor = columnFlavor(adapterType);
  const m = /^\s*([^(]+?)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)\s*$/.exec(dataType);
  if (!m) return new Column(flavor, name, dataType);
  const base = m[1] ?? dataType;
  const probe = new Column(flavor, name, base);
  if (probe.is_string()) return new Column(flavor, name, base, Number(m[2]));
  if (probe.is_numeric()) return new Column(flavor, name, base, null, Number(m[2]), m[3] === undefined ? 0 : Number(m[3]));
  return new Column(flavor, name, dataType);
}

/** `api.Column`: callable as the class, with create/translate_type/string_type/numeric_type. */
export function columnApi(adapterType: string): unknown {
  const flavor = columnFlavor(adapterType);
  const translate = (t: unknown) => TYPE_LABELS[String(t).toUpperCase()] ?? String(t);
  return Object.assign(
    (...raw: unknown[]) => {
      const { args, kwargs } = splitArgs(raw);
      const arg = (i: number, k: string) => args[i] ?? kwargs[k] ?? null;
      const size = arg(2, 'char_size');
      return new Column(flavor, String(arg(0, 'column')), String(arg(1, 'dtype')), size === null ? null : Number(size), arg(3, 'numeric_precision'), arg(4, 'numeric_scale'));
    },
    {
      create: (name: unknown, label: unknown) => new Column(flavor, String(name), translate(label)),
      translate_type: translate,
      string_type: (size: unknown) => flavor.stringType(Number(size)),
      numeric_type: (dtype: unknown, precision: unknown, scale: unknown) => (precision === null || scale === null || precision === undefined || scale === undefined ? String(dtype) : `${String(dtype)}(${String(precision)},${String(scale)})`),
    },
  );
}
