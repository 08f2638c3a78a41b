/**
 * Which incremental strategy a model uses and which template macro renders it, as dbt's
 * adapter.get_incremental_strategy_macro: built-in strategies the adapter lacks are refused
 * with the list it has; any other name is a custom strategy if `get_incremental_<name>_sql` exists.
 * An adapter whose dbt plugin validates its own list before anything runs (dbt-bigquery: merge,
 * insert_overwrite and microbatch only, microbatch on a table partitioned by its batch size)
 * declares `incrementalStrategies.strict`, and tx checks the same, with the plugin's words.
 */
import type { Dialect } from '../adapter/types.js';
import type { SourceLoc } from '../errors/tx-error.js';
import { TxCodes, TxError } from '../errors/tx-error.js';

export const BUILTIN_STRATEGIES = ['append', 'delete+insert', 'merge', 'insert_overwrite', 'microbatch'] as const;

/** Built-in strategies a dialect supports, from its capabilities (dbt's valid_incremental_strategies). */
export function supportedStrategies(dialect: Pick<Dialect, 'capabilities'>): string[] {
  const declared = dialect.capabilities.incrementalStrategies?.names;
  if (declared) return [...declared];
  const out = ['append', 'delete+insert'];
  if (dialect.capabilities.merge) out.push('merge');
  out.push('microbatch');
  return out;
}

export interface ResolvedStrategy {
  /** The configured name, or 'default'. */
  name: string;
  /** The template macro that renders it. */
  macro: string;
}

type Where = { model: string; loc: SourceLoc; projectName?: string | undefined };

function strategyName(configured: unknown): string {
  return typeof configured === 'string' && configured !== '' ? configured : 'default';
}

/**
 * dbt-bigquery's early validation (dbt_bigquery_validate_get_incremental_strategy and
 * bq_validate_microbatch_config), run before anything is built, for dialects that declare it.
 */
export function validateStrictStrategy(dialect: Dialect, config: Record<string, unknown>, where: Where): void {
  const spec = dialect.capabilities.incrementalStrategies;
  if (!spec?.strict) return;
  const name = strategyName(config['incremental_strategy']);
  const effective = name === 'default' ? (spec.default ?? spec.names[0]) : name;
  if (!spec.names.includes(effective ?? '')) {
    throw new TxError({
      code: TxCodes.ConfigInvalid,
      message: `Invalid incremental strategy provided: ${name}\n    Expected one of: ${spec.names.map((n) => `'${n}'`).join(', ')}`,
      loc: where.loc,
      hint: `model '${where.model}': ${dialect.name} has no '${name}' strategy (and no custom strategies); set incremental_strategy to one of: ${spec.names.join(', ')}`,
    });
  }
  if (effective === 'microbatch' && spec.microbatchPartitioned) {
    const partitionBy = config['partition_by'];
    if (partitionBy === undefined || partitionBy === null || typeof partitionBy !== 'object') {
      throw new TxError({
        code: TxCodes.ConfigInvalid,
        message: "The 'microbatch' strategy requires a `partition_by` config.",
        loc: where.loc,
        hint: `model '${where.model}': partition the table by its event_time at the batch size, e.g. partition_by={'field': '${String(config['event_time'] ?? 'event_time')}', 'data_type': 'timestamp', 'granularity': '${String(config['batch_size'] ?? 'day')}'}`,
      });
    }
    const granularity = String((partitionBy as Record<string, unknown>)['granularity'] ?? 'day').toLowerCase();
    const batchSize = String(config['batch_size'] ?? '');
    if (granularity !== batchSize) {
      throw new TxError({
        code: TxCodes.ConfigInvalid,
        message: `The 'microbatch' strategy requires a \`partition_by\` config with the same granularity as its configured \`batch_size\`.\n    Got:\n      \`batch_size\`: ${batchSize}\n      \`partition_by.granularity\`: ${granularity}`,
        loc: where.loc,
        hint: `model '${where.model}': each batch replaces whole partitions, so partition_by.granularity must be '${batchSize}'`,
      });
    }
  }
}

export function resolveStrategy(
  dialect: Dialect,
  configured: unknown,
  hasMacro: (name: string) => boolean,
  where: Where,
): ResolvedStrategy {
  const name = strategyName(configured);
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
