/**
 * The relation a node or source names, built the same way by parse (relation_name) and
 * compile (ref()/source()/this): the project's `quoting:` overridden by the node's own.
 */
import type { Dialect } from '../adapter/types.js';
import type { BaseNode, SourceNode } from './manifest-types.js';
import { Relation } from '../adapter/relation.js';

type QuotingFlags = Partial<{ database: boolean; schema: boolean; identifier: boolean }>;

export function quotingFlags(q: Record<string, unknown> | undefined): QuotingFlags {
  const out: QuotingFlags = {};
  if (!q) return out;
  for (const k of ['database', 'schema', 'identifier'] as const) if (typeof q[k] === 'boolean') out[k] = q[k] as boolean;
  return out;
}

export function nodeRelation(dialect: Dialect, projectQuoting: Record<string, unknown>, node: Pick<BaseNode, 'config' | 'name' | 'database' | 'schema' | 'alias'>): Relation {
  if (node.config.materialized === 'ephemeral') {
    return Relation.create(dialect, { database: null, schema: '', identifier: `__dbt__cte__${node.name}` }, 'cte');
  }
  const type = node.config.materialized === 'view' ? 'view' : 'table';
  return Relation.create(dialect, { database: node.database, schema: node.schema, identifier: node.alias }, type, {
    ...quotingFlags(projectQuoting),
    ...quotingFlags(node.config.quoting),
  });
}

export function sourceRelation(
  dialect: Dialect,
  projectQuoting: Record<string, unknown>,
  src: Pick<SourceNode, 'database' | 'schema' | 'identifier' | 'quoting'>,
): Relation {
  return Relation.create(dialect, { database: src.database, schema: src.schema, identifier: src.identifier }, 'table', {
    ...quotingFlags(projectQuoting),
    ...quotingFlags(src.quoting),
  });
}
