/** Standard SQL identifier quoting and `database.schema.identifier` rendering (DuckDB, Postgres, …). */
import type { RelationRef } from './types.js';

export type QuotingPolicy = { database: boolean; schema: boolean; identifier: boolean };

export function doubleQuoteIdent(id: string): string {
  return `"${id.replace(/"/g, '""')}"`;
}

/** Parts joined with '.', each quoted when the policy says; an empty database or schema is left out. */
export function renderDottedRelation(r: RelationRef, quoting: QuotingPolicy, quote: (id: string) => string = doubleQuoteIdent): string {
  const parts: string[] = [];
  if (r.database !== null && r.database !== '') parts.push(quoting.database ? quote(r.database) : r.database);
  if (r.schema !== '') parts.push(quoting.schema ? quote(r.schema) : r.schema);
  parts.push(quoting.identifier ? quote(r.identifier) : r.identifier);
  return parts.join('.');
}
