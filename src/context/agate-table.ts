/**
 * What `run_query` and `load_result(...).table` return: agate's Table as dbt templates use it.
 * `table.rows` and `table.columns` are mapped sequences (`rows[0]['id']`, `rows[0].id`,
 * `columns['id']`, `columns[0][0]`, `columns.items()`), a Row and a Column are tuples with
 * keys (`row.keys()`, `row.dict()`, `column.values()`, `column|length`), `column_names` is a
 * tuple, and `print_table()` prints (through the given printer) and returns None. Values are
 * Python values cast per column (see agate-values.ts).
 */
import { PyMapped, mapped } from '../jinja/py-mapped.js';
import { tuple } from '../jinja/py-types.js';
import { pyStr } from '../jinja/py-values.js';
import { agateData } from './agate-values.js';
import { splitArgs } from './call-args.js';

/** A row: its values, keyed by column name. */
export class AgateRow extends PyMapped {
  protected override reprName(): string {
    return 'agate.Row';
  }
}

/** A column: its values (keyed by row name, which dbt's tables never have), name and type. */
export class AgateColumn extends PyMapped {
  declare readonly name: string;
  declare readonly dataType: string;

  protected override attribute(name: string): unknown {
    switch (name) {
      case 'name': return this.name;
      case 'index': return undefined;
      case 'data_type': return this.dataType;
      case 'values_distinct': return () => tuple([...new Set(this)]);
      case 'values_without_nulls': return () => tuple(this.filter((v) => v !== null && v !== undefined));
      case 'values_sorted': return () => tuple([...this].sort((a, b) => (Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : 0)));
      default: return super.attribute(name);
    }
  }
  protected override reprName(): string {
    return 'agate.Column';
  }
}

export interface TableOptions {
  /** The warehouse type of each column (drives int/float/Decimal/date conversion). */
  sqlTypes?: readonly string[];
  /** Where print_table() writes (dbt prints to the console). */
  print?: (text: string) => void;
}

export class AgateTable {
  readonly rows: PyMapped<AgateRow>;
  readonly columns: PyMapped<AgateColumn>;
  readonly column_names: readonly string[];
  readonly column_types: readonly string[];
  private readonly printer: ((text: string) => void) | undefined;

  constructor(columnNames: readonly string[], rows: readonly (readonly unknown[])[], opts: TableOptions = {}) {
    const data = agateData(columnNames, rows, opts.sqlTypes);
    this.column_names = tuple(data.names);
    this.column_types = tuple(data.types);
    this.printer = opts.print;
    this.rows = mapped(PyMapped, data.rows.map((r) => mapped(AgateRow, r, data.names)), []);
    this.columns = mapped(
      PyMapped,
      data.names.map((n, j) => mapped(AgateColumn, data.rows.map((r) => r[j]), [], { name: n, dataType: data.types[j] })),
      data.names,
    );
  }

  static empty(): AgateTable {
    return new AgateTable([], []);
  }

  /** Values only (what load_result(...)['data'] holds: a list of tuples). */
  matrix(): unknown[][] {
    return this.rows.map((r) => tuple([...r]));
  }

  get length(): number {
    return this.rows.length;
  }

  [Symbol.iterator](): Iterator<AgateRow> {
    return this.rows[Symbol.iterator]();
  }

  /** agate's print_table: writes the table and returns None. */
  print_table(...args: unknown[]): null {
    const { args: pos, kwargs } = splitArgs(args);
    const n = pos[0] ?? kwargs['max_rows'];
    const maxRows = typeof n === 'number' ? n : 20;
    this.printer?.(this.format(maxRows));
    return null;
  }

  limit(n: unknown): AgateTable {
    return this.derive(this.column_names, this.rows.slice(0, Number(n)).map((r) => [...r]));
  }

  select(names: unknown): AgateTable {
    const keep = (Array.isArray(names) ? names : [names]).map(String);
    const idx = keep.map((k) => this.column_names.indexOf(k));
    return this.derive(keep, this.rows.map((r) => idx.map((i) => r[i])));
  }

  exclude(names: unknown): AgateTable {
    const drop = new Set((Array.isArray(names) ? names : [names]).map(String));
    return this.select(this.column_names.filter((n) => !drop.has(n)));
  }

  private derive(names: readonly string[], rows: unknown[][]): AgateTable {
    return new AgateTable(names, rows, this.printer ? { print: this.printer } : {});
  }

  /** A text table, as agate prints one (also `tx show` and contract errors). */
  format(maxRows = 20): string {
    const shown = this.rows.slice(0, maxRows);
    const cells = shown.map((r) => r.map((v) => (v === null || v === undefined ? '' : pyStr(v))));
    const numeric = this.column_types.map((t) => t === 'Integer' || t === 'Number');
    const widths = this.column_names.map((n, i) => Math.max(n.length, ...cells.map((r) => (r[i] ?? '').length)));
    const pad = (v: string, i: number) => (numeric[i] ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0));
    const line = (vals: string[], header = false) => `| ${vals.map((v, i) => (header ? v.padEnd(widths[i] ?? 0) : pad(v, i))).join(' | ')} |`;
    const out = [line([...this.column_names], true), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.map((c) => line(c))];
    if (this.rows.length > maxRows) out.push(`| ${widths.map((w) => '...'.padEnd(w)).join(' | ')} |`);
    return out.join('\n');
  }

  toString(): string {
    return `<agate.table.Table object>`;
  }
}
