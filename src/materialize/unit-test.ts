/**
 * The SQL of a unit test (pure): each input becomes a CTE of literal rows cast to the real
 * column types of the relation it stands for; columns a row leaves out are null. The same
 * builder types the expected rows with the model's output types, so the comparison is exact.
 */
import type { Dialect, WarehouseColumn } from '../adapter/types.js';
import { TxError, TxCodes, type SourceLoc } from '../errors/tx-error.js';
import { readCsv } from './csv.js';
import { isNullText } from './seed-infer.js';

export type FixtureRow = Record<string, unknown>;

/** dbt's CSV fixture text → rows (header line, comma separated, double-quote escaping). */
export function parseCsvRows(text: string): FixtureRow[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const src = text.replace(/\r\n?/g, '\n').trim();
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') record.push(field), (field = '');
    else if (ch === '\n') record.push(field), records.push(record), (record = []), (field = '');
    else field += ch;
  }
  record.push(field);
  records.push(record);
  const [header, ...rows] = records;
  if (!header) return [];
  const names = header.map((h) => h.trim());
  // As agate reads dbt's CSV fixtures: an empty field or `null` is null.
  return rows.filter((r) => r.some((v) => v !== '')).map((r) =>
    Object.fromEntries(names.map((n, i) => {
      const v = (r[i] ?? '').trim();
      return [n, v === '' || v.toLowerCase() === 'null' ? null : v];
    })),
  );
}

/**
 * A seed's CSV as unit test rows: dbt reads the seed file when a unit test names a seed input
 * without rows. Cells that load as null (empty, `null`) are null, as in the seed's table.
 */
export function seedFixtureRows(text: string, delimiter: string): FixtureRow[] {
  let header: string[] | undefined;
  const rows: FixtureRow[] = [];
  readCsv(text, delimiter || ',', (fields) => {
    if (!header) header = fields.map((h) => h.trim());
    else if (fields.some((f) => f !== '')) rows.push(Object.fromEntries(header.map((h, i) => [h, isNullText(fields[i] ?? '') ? null : fields[i]!])));
  });
  return rows;
}

export interface FixtureInput {
  /** What the fixture stands for, for error messages (`ref('orders')`, `expect`). */
  label: string;
  columns: WarehouseColumn[];
  rows: FixtureRow[];
  loc: SourceLoc;
}

/** `select cast(… as T) as c, …` per row, joined by union all; no rows → an empty typed select. */
export function fixtureSql(d: Dialect, input: FixtureInput): string {
  const byLower = new Map(input.columns.map((c) => [c.name.toLowerCase(), c]));
  for (const row of input.rows) {
    for (const key of Object.keys(row)) {
      if (!byLower.has(key.toLowerCase())) {
        throw new TxError({
          code: TxCodes.UnitTestInvalid,
          message: `${input.label} has a column '${key}' that the relation does not have (columns: ${input.columns.map((c) => c.name).join(', ')})`,
          loc: input.loc,
          hint: 'fix the column name in the unit test, or rebuild the input if its columns changed',
        });
      }
    }
  }
  const select = (row: FixtureRow | null) =>
    'select ' +
    input.columns
      .map((c) => {
        const key = row ? Object.keys(row).find((k) => k.toLowerCase() === c.name.toLowerCase()) : undefined;
        const value = row && key !== undefined ? row[key] : null;
        return `cast(${d.literal(value ?? null)} as ${c.dataType}) as ${d.quoteIdent(c.name)}`;
      })
      .join(', ');
  if (input.rows.length === 0) return `${select(null)} where false`;
  return input.rows.map(select).join('\nunion all\n');
}

/** The columns the expected rows name, in the model's order and with its types. */
export function expectedColumns(output: WarehouseColumn[], rows: FixtureRow[], loc: SourceLoc, model: string): WarehouseColumn[] {
  const named = new Set(rows.flatMap((r) => Object.keys(r).map((k) => k.toLowerCase())));
  for (const n of named) {
    if (!output.some((c) => c.name.toLowerCase() === n)) {
      throw new TxError({
        code: TxCodes.UnitTestInvalid,
        message: `expect names a column '${n}' that model '${model}' does not return (it returns: ${output.map((c) => c.name).join(', ')})`,
        loc,
      });
    }
  }
  // No rows at all: compare every column (the model must return nothing).
  return named.size === 0 ? output : output.filter((c) => named.has(c.name.toLowerCase()));
}

/** The model's rows, narrowed to the compared columns. */
export function actualSql(d: Dialect, modelSql: string, columns: WarehouseColumn[]): string {
  return `select ${columns.map((c) => d.quoteIdent(c.name)).join(', ')} from (\n${modelSql}\n) as dbt_internal_unit_test_actual`;
}
