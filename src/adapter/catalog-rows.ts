/**
 * Groups a catalog query's flat rows (one per column, ordered by relation then position) into
 * CatalogRelations. Every adapter's catalog query returns the same twelve columns, so the
 * grouping lives here once.
 */
import type { CatalogRelation } from './types.js';

/** database, schema, identifier, table type, comment, owner, row count, bytes, column, index, type, column comment. */
export type CatalogRow = readonly unknown[];

function text(v: unknown): string | null {
  return v === null || v === undefined || v === '' ? null : String(v);
}

function count(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'bigint' ? Number(v) : Number(v);
  // Postgres reports -1 rows for a table never analysed: unknown, not negative.
  return Number.isFinite(n) && n >= 0 ? n : null;
}

export function groupCatalogRows(rows: readonly CatalogRow[]): CatalogRelation[] {
  const out: CatalogRelation[] = [];
  let current: CatalogRelation | undefined;
  for (const r of rows) {
    const [database, schema, identifier, tableType, comment, owner, rowCount, bytes, column, index, dataType, columnComment] = r;
    if (current === undefined || current.identifier !== String(identifier) || current.schema !== String(schema)) {
      current = {
        database: text(database),
        schema: String(schema),
        identifier: String(identifier),
        tableType: String(tableType ?? 'BASE TABLE'),
        comment: text(comment),
        owner: text(owner),
        rowCount: count(rowCount),
        bytes: count(bytes),
        columns: [],
      };
      out.push(current);
    }
    if (column === null || column === undefined) continue;
    current.columns.push({ name: String(column), index: Number(index), dataType: String(dataType ?? ''), comment: text(columnComment) });
  }
  return out;
}
