/**
 * dbt's `api` context member: `api.Relation.create(...)` (type None unless given, quote and
 * include policies), `api.Relation.add_ephemeral_prefix`, and `api.Column` (see column.ts).
 */
import { Relation } from '../adapter/relation.js';
import type { Dialect, RelationType } from '../adapter/types.js';
import { splitArgs } from './call-args.js';
import { columnApi } from './column.js';

type PolicyArg = Partial<Record<'database' | 'schema' | 'identifier', unknown>>;

export function createApiObject(dialect: Dialect, projectQuoting: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Relation: {
      create: (...rawArgs: unknown[]) => {
        const { args, kwargs } = splitArgs(rawArgs);
        const arg = (i: number, k: string) => args[i] ?? kwargs[k];
        const quoting = { ...projectQuoting, ...((kwargs['quote_policy'] as PolicyArg | undefined) ?? {}) };
        let rel = Relation.create(dialect, {
          database: (arg(0, 'database') as string | null | undefined) ?? null,
          schema: String(arg(1, 'schema') ?? ''),
          identifier: String(arg(2, 'identifier') ?? ''),
        }, (kwargs['type'] as RelationType | null | undefined) ?? null, quoting);
        const include = kwargs['include_policy'] as PolicyArg | undefined;
        if (include) rel = rel.include(include);
        return rel;
      },
      add_ephemeral_prefix: (name: unknown) => `__dbt__cte__${String(name)}`,
    },
    Column: columnApi(dialect.name),
  };
}
