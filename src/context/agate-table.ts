/**
 * What `run_query` and `load_result(...).table` return: the parts of agate's Table that dbt
 * packages use — `rows` (indexable by position and column name), `columns[i].values()`,
 * `column_names`, iteration over rows, `print_table()`.
 */

/** A row: a list of values that also answers `row['column']`, `row.get()`, `row.keys()`, `row.dict()`. */
export type AgateRow = unknown[] & Record<string, unknown>;

export function agateRow(names: readonly string[], values: readonly unknown[]): AgateRow {
  const row = [...values] as AgateRow;
  const hidden = (key: string, value: unknown) => Object.defineProperty(row, key, { value, enumerable: false });
  names.forEach((n, i) => hidden(n, values[i] ?? null));
  hidden('keys', () => [...names]);
  hidden('values', () => [...values]);
  hidden('get', (name: string, dflt: unknown = null) => {
    const i = names.indexOf(name);
    return i < 0 ? dflt : (values[i] ?? null);
  });
  hidden('dict', () => Object.fromEntries(names.map((n, i) => [n, values[i] ?? null])));
  return row;
}

export class AgateColumn {
  constructor(
    readonly name: string,
    private readonly data: readonly unknown[],
  ) {}
  values(): unknown[] {
    return [...this.data];
  }
  values_distinct(): unknown[] {
    return [...new Set(this.data)];
  }
  values_without_nulls(): unknown[] {
    return this.data.filter((v) => v !== null && v !== undefined);
  }
}

export class AgateTable {
  readonly rows: AgateRow[];
  readonly columns: AgateColumn[];

  constructor(
    readonly column_names: string[],
    rows: readonly (readonly unknown[])[],
  ) {
    this.rows = rows.map((r) => agateRow(column_names, r));
    this.columns = column_names.map((n, i) => new AgateColumn(n, rows.map((r) => r[i] ?? null)));
    // agate's MappedSequence: `table.columns['name']` as well as `table.columns[0]`.
    this.columns.forEach((c) => Object.defineProperty(this.columns, c.name, { value: c, enumerable: false }));
  }

  static empty(): AgateTable {
    return new AgateTable([], []);
  }

  get length(): number {
    return this.rows.length;
  }

  [Symbol.iterator](): Iterator<AgateRow> {
    return this.rows[Symbol.iterator]();
  }

  /** A text table, as agate prints one (used by `{{ results.print_table() }}` and `tx show`). */
  print_table(maxRows = 20): string {
    const shown = this.rows.slice(0, maxRows);
    const cells = shown.map((r) => r.map((v) => (v === null || v === undefined ? '' : String(v))));
    // Numbers right-aligned, as agate prints them.
    const numeric = this.column_names.map((_, i) => shown.length > 0 && shown.every((r) => r[i] === null || typeof r[i] === 'number' || typeof r[i] === 'bigint'));
    const widths = this.column_names.map((n, i) => Math.max(n.length, ...cells.map((r) => (r[i] ?? '').length)));
    const pad = (v: string, i: number) => (numeric[i] ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0));
    const line = (vals: string[], header = false) => `| ${vals.map((v, i) => (header ? v.padEnd(widths[i] ?? 0) : pad(v, i))).join(' | ')} |`;
    return [line(this.column_names, true), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.map((c) => line(c))].join('\n');
  }

  toString(): string {
    return `<agate.Table: ${this.rows.length} rows>`;
  }
}
