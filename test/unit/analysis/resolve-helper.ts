/** Parses SQL with a real parser and resolves it against a small catalog of named relations. */
import type { SqlParser } from '../../../src/analysis/parser.js';
import type { ParseOutcome } from '../../../src/analysis/ir.js';
import type { Shape } from '../../../src/analysis/shape.js';
import { QueryResolver, type QueryResult, type RelationCatalog } from '../../../src/analysis/resolve-query.js';
import { upstreamShape } from '../../../src/analysis/shape.js';

/** relation name (as written in SQL, lower-case, dotted) → its columns ('name:TYPE' or 'name'). */
export type Tables = Record<string, string[] | null>;

export function catalogOf(tables: Tables): RelationCatalog {
  return {
    find(parts) {
      const key = parts.join('.').toLowerCase();
      if (!(key in tables)) return undefined;
      const cols = tables[key];
      const shape: Shape | null = cols ? { open: false, columns: cols.map((c) => ({ name: c.split(':')[0]!, type: c.split(':')[1] ?? null, origins: [], at: -1 })) } : null;
      return { id: `model.t.${key}`, label: `model '${key}'`, jinja: `{{ ref('${key}') }}`, shape };
    },
  };
}

export async function parseOne(parser: SqlParser, sql: string): Promise<ParseOutcome> {
  let out: ParseOutcome | undefined;
  await parser.parseAll([sql], [false], (_i, o) => (out = o));
  return out!;
}

export async function resolveSql(parser: SqlParser, sql: string, tables: Tables): Promise<QueryResult> {
  const o = await parseOne(parser, sql);
  if (!o.ok) throw new Error(`did not parse: ${JSON.stringify(o)}`);
  const st = o.statements[0];
  if (!st?.ok) throw new Error(`unsupported: ${JSON.stringify(st)}`);
  const allowed = new Set(Object.keys(tables).map((k) => `model.t.${k}`));
  return new QueryResolver({ catalog: catalogOf(tables), allowed, countType: 'BIGINT', upstream: upstreamShape }).resolve(st.query);
}

/** `col ← node.column (kind)` lines of a result, for compact assertions. */
export function edges(r: QueryResult): string[] {
  return r.shape.columns.flatMap((c) => (c.origins.length === 0 ? [`${c.name} ←`] : c.origins.map((o) => `${c.name} ← ${o.node.replace('model.t.', '')}.${o.column ?? '(rows)'} (${o.kind})`)));
}

export const codes = (r: QueryResult): string[] => r.findings.map((f) => `${f.code} ${f.severity}`);
