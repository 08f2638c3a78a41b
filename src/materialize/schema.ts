/** `create schema if not exists` for every schema a run writes to, deduplicated case-insensitively. */
import { Relation } from '../adapter/relation.js';
import type { Dialect, SchemaRef } from '../adapter/types.js';
import type { Plan } from './types.js';

export interface SchemaPlanInput {
  dialect: Dialect;
  /** Schemas the selected nodes build into. */
  needed: SchemaRef[];
  /** Schemas already present in the warehouse snapshot (skipped). */
  existing?: SchemaRef[];
  callMacro(name: string, args: unknown[], kwargs?: Record<string, unknown>): string;
}

const key = (s: SchemaRef): string => `${(s.database ?? '').toLowerCase()}\u0000${s.schema.toLowerCase()}`;

export function planSchemas(input: SchemaPlanInput): Plan {
  const present = new Set((input.existing ?? []).map(key));
  const wanted = new Map<string, SchemaRef>();
  for (const s of input.needed) if (!present.has(key(s)) && !wanted.has(key(s))) wanted.set(key(s), s);
  const statements = [...wanted.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, s]) => {
      const rel = Relation.create(input.dialect, { database: s.database, schema: s.schema, identifier: '' });
      return { sql: input.callMacro('create_schema', [rel.without_identifier()]), purpose: `create schema ${s.schema}` };
    });
  // Each statement is idempotent; no transaction so concurrent runs never conflict on it.
  return { statements, transactional: false };
}
