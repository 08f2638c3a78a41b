/** The Snowflake adapter (dbt-snowflake compatible). The SDK is imported only when connect() is called. */
import type { Adapter, ConnectContext, ConnectionPool, TargetCredentials } from '../../src/adapter/types.js';
import { TxCodes, TxError } from '../../src/errors/tx-error.js';
import { checkAuthentication, resolveSnowflakeCredentials, snowflakeSecretKeys, type SnowflakeCredentials } from './credentials.js';
import { snowflakeDialect } from './dialect.js';

function asSnowflake(creds: TargetCredentials): SnowflakeCredentials {
  if (creds.type !== 'snowflake') {
    throw new TxError({ code: TxCodes.ProfileInvalid, message: `snowflake adapter got '${creds.type}' credentials` });
  }
  // Re-resolving is cheap and accepts credentials that were not produced by resolveCredentials.
  return resolveSnowflakeCredentials(creds);
}

export const snowflakeAdapter: Adapter = {
  dialect: snowflakeDialect,
  resolveCredentials: resolveSnowflakeCredentials,
  secretKeys: snowflakeSecretKeys,
  async connect(creds: TargetCredentials, ctx: ConnectContext): Promise<ConnectionPool> {
    const sf = asSnowflake(creds);
    checkAuthentication(sf);
    const { SnowflakePool } = await import('./pool.js');
    return SnowflakePool.open(sf, ctx);
  },
};

export default snowflakeAdapter;
export { snowflakeDialect } from './dialect.js';
export { resolveSnowflakeCredentials, type SnowflakeCredentials } from './credentials.js';
