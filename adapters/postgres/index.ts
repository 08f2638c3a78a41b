/** The Postgres adapter (dbt-postgres compatible). The pg driver is imported only when connect() is called. */
import type { Adapter, ConnectContext, ConnectionPool, TargetCredentials } from '../../src/adapter/types.js';
import { TxCodes, TxError } from '../../src/errors/tx-error.js';
import { postgresSecretKeys, resolvePostgresCredentials, type PostgresCredentials } from './credentials.js';
import { postgresDialect } from './dialect.js';

function asPostgres(creds: TargetCredentials): PostgresCredentials {
  if (creds.type !== 'postgres') {
    throw new TxError({ code: TxCodes.ProfileInvalid, message: `postgres adapter got '${creds.type}' credentials` });
  }
  // Re-resolving is cheap and accepts credentials that were not produced by resolveCredentials.
  return resolvePostgresCredentials(creds);
}

export const postgresAdapter: Adapter = {
  dialect: postgresDialect,
  resolveCredentials: resolvePostgresCredentials,
  secretKeys: postgresSecretKeys,
  async connect(creds: TargetCredentials, ctx: ConnectContext): Promise<ConnectionPool> {
    const { PostgresPool } = await import('./pool.js');
    return PostgresPool.open(asPostgres(creds), ctx);
  },
};

export default postgresAdapter;
export { postgresDialect } from './dialect.js';
export { resolvePostgresCredentials, type PostgresCredentials } from './credentials.js';
