/**
 * Lazy adapter registry. Static import() specifiers (not a computed path) so both tsc's dist/
 * layout (dist/src/adapter → dist/adapters) and vitest's source layout resolve them; a dialect
 * load never pulls in a native driver.
 */
import type { Adapter, Dialect } from './types.js';
import { TxCodes, TxError } from '../errors/tx-error.js';

/** Every adapter type tx knows about; only some are built into this release. */
export const KNOWN_ADAPTERS = ['duckdb', 'postgres', 'bigquery', 'snowflake'] as const;

const dialects: Record<string, () => Promise<Dialect>> = {
  duckdb: async () => (await import('../../adapters/duckdb/dialect.js')).duckdbDialect,
  postgres: async () => (await import('../../adapters/postgres/dialect.js')).postgresDialect,
  bigquery: async () => (await import('../../adapters/bigquery/dialect.js')).bigqueryDialect,
  snowflake: async () => (await import('../../adapters/snowflake/dialect.js')).snowflakeDialect,
};

const adapters: Record<string, () => Promise<Adapter>> = {
  duckdb: async () => (await import('../../adapters/duckdb/index.js')).duckdbAdapter,
  postgres: async () => (await import('../../adapters/postgres/index.js')).postgresAdapter,
  bigquery: async () => (await import('../../adapters/bigquery/index.js')).bigqueryAdapter,
  snowflake: async () => (await import('../../adapters/snowflake/index.js')).snowflakeAdapter,
};

function unknown(type: string): TxError {
  const available = Object.keys(adapters).sort();
  const known = (KNOWN_ADAPTERS as readonly string[]).includes(type);
  return new TxError({
    code: TxCodes.AdapterUnknown,
    message: known
      ? `adapter '${type}' is not available in this build of tx (available: ${available.join(', ')})`
      : `unknown adapter type '${type}' (known: ${KNOWN_ADAPTERS.join(', ')})`,
    hint: "set `type:` in profiles.yml to one of the available adapters",
  });
}

export function availableAdapters(): string[] {
  return Object.keys(adapters).sort();
}

export async function loadDialect(type: string): Promise<Dialect> {
  const load = Object.hasOwn(dialects, type) ? dialects[type] : undefined;
  if (!load) throw unknown(type);
  return load();
}

export async function loadAdapter(type: string): Promise<Adapter> {
  const load = Object.hasOwn(adapters, type) ? adapters[type] : undefined;
  if (!load) throw unknown(type);
  return load();
}
