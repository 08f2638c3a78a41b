/**
 * Which incremental strategy a model uses and which template macro renders it, as dbt's
 * adapter.get_incremental_strategy_macro: built-in strategies the adapter lacks are refused
 * with the list it has; any other name is a custom strategy if `get_incremental_<name>_sql` exists.
 */
import type { Dialect } from '../adapter/types.js';
import type { SourceLoc } from '../errors/tx-error.js';
import { TxCodes, TxError } from '../errors/tx-error.js';

export const BUILTIN_STRATEGIES = ['append', 'delete+insert', 'merge', 'insert_overwrite', 'microbatch'] as const;

/** dbt adapters that ship insert_overwrite: it needs partitioned tables, which the others lack. */
const PARTITIONED = new Set(['bigquery', 'snowflake', 'databricks', 'spark']);

/** Built-in strategies a dialect supports, from its capabilities. */
export function supportedStrategies(dialect: Dialect): string[] {
  const out = ['append', 'delete+insert'];
  if (dialect.capabilities.merge) out.push('merge');
  if (PARTITIONED.has(dialect.name) || (dialect.parent !== undefined && PARTITIONED.has(dialect.parent))) out.push('insert_overwrite');
  out.push('microbatch');
  return out;
}

export interface ResolvedStrategy {
  /** The configured name, or 'default'. */
  name: string;
  /** The template macro that renders it. */
  macro: string;
}

export function resolveStrategy(
  dialect: Dialect,
  configured: unknown,
  hasMacro: (name: string) => boolean,
  where: { model: string; loc: SourceLoc; projectName?: string },
): ResolvedStrategy {
  const name = typeof configured === 'string' && configured !== '' ? configured : 'default';
  const supported = supportedStrategies(dialect);
  if ((BUILTIN_STRATEGIES as readonly string[]).includes(name) && !supported.includes(name)) {
    throw new TxError({
      code: TxCodes.ConfigInvalid,
      message: `The incremental strategy '${name}' is not valid for this adapter (${dialect.name}), used by model '${where.model}'; supported strategies: ${supported.join(', ')}`,
      loc: where.loc,
      hint: name === 'insert_overwrite'
        ? `${dialect.name} tables have no partitions to overwrite: use 'delete+insert' with incremental_predicates, or 'microbatch', to replace a time range`
        : `set incremental_strategy to one of: ${supported.join(', ')}`,
    });
  }
  const macro = `get_incremental_${name.replace(/\+/g, '_')}_sql`;
  if (!hasMacro(macro)) {
    throw new TxError({
      code: TxCodes.ConfigInvalid,
      message: `dbt could not find an incremental strategy macro with the name "${macro}" in ${where.projectName ?? 'the project'} (model '${where.model}')`,
      loc: where.loc,
      hint: `built-in strategies on ${dialect.name}: ${supported.join(', ')}; a custom strategy needs a macro named ${macro}`,
    });
  }
  return { name, macro };
}
