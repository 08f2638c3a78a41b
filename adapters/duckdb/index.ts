/** The DuckDB adapter. The native driver is imported only when connect() is called. */
import type { Adapter, ConnectContext, ConnectionPool, TargetCredentials } from '../../src/adapter/types.js';
import { TxCodes, TxError } from '../../src/errors/tx-error.js';
import { duckdbSecretKeys, resolveDuckDBCredentials, type DuckDBCredentials } from './credentials.js';
import { duckdbDialect } from './dialect.js';

function asDuckDB(creds: TargetCredentials): DuckDBCredentials {
  if (creds.type !== 'duckdb') {
    throw new TxError({ code: TxCodes.ProfileInvalid, message: `duckdb adapter got '${creds.type}' credentials` });
  }
  // Re-resolving is cheap and accepts credentials that were not produced by resolveCredentials.
  return resolveDuckDBCredentials(creds);
}

export const duckdbAdapter: Adapter = {
  dialect: duckdbDialect,
  resolveCredentials: resolveDuckDBCredentials,
  secretKeys: duckdbSecretKeys,
  async connect(creds: TargetCredentials, ctx: ConnectContext): Promise<ConnectionPool> {
    const { DuckDBPool } = await import('./connection.js');
    return DuckDBPool.open(asDuckDB(creds), ctx);
  },
};

export default duckdbAdapter;
export { duckdbDialect } from './dialect.js';
export { resolveDuckDBCredentials, databaseNameForPath, type DuckDBCredentials } from './credentials.js';
