import { describe, expect, it } from 'vitest';
import { KNOWN_ADAPTERS, availableAdapters, loadAdapter, loadDialect } from '../../../src/adapter/registry.js';
import { TxCodes, TxError } from '../../../src/errors/tx-error.js';

describe('adapter registry', () => {
  it('loads the duckdb dialect and adapter', async () => {
    expect((await loadDialect('duckdb')).name).toBe('duckdb');
    const a = await loadAdapter('duckdb');
    expect(a.dialect.name).toBe('duckdb');
  });
  it('rejects unknown and unavailable types with AdapterUnknown', async () => {
    const e1 = await loadAdapter('oracle').catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(TxError);
    expect((e1 as TxError).code).toBe(TxCodes.AdapterUnknown);
    expect((e1 as TxError).message).toContain('duckdb, postgres, bigquery, snowflake');
    // A known adapter that this build does not include yet (if any is left).
    const unavailable = KNOWN_ADAPTERS.find((t) => !availableAdapters().includes(t));
    if (unavailable === undefined) return;
    const e2 = await loadDialect(unavailable).catch((e: unknown) => e);
    expect((e2 as TxError).code).toBe(TxCodes.AdapterUnknown);
    expect((e2 as TxError).message).toContain('not available');
  });
});
