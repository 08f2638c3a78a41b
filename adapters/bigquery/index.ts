/**
 * The BigQuery adapter (dbt-bigquery compatible). The SDK (@google-cloud/bigquery) and the auth
 * library are imported only when connect() is called, so `tx compile` works offline without them.
 */
import type { Adapter, ConnectContext, ConnectionPool, TargetCredentials } from '../../src/adapter/types.js';
import { TxCodes, TxError } from '../../src/errors/tx-error.js';
import { bigquerySecretKeys, resolveBigQueryCredentials, type BigQueryCredentials } from './credentials.js';
import { bigqueryDialect } from './dialect.js';

function asBigQuery(creds: TargetCredentials): BigQueryCredentials {
  if (creds.type !== 'bigquery') {
    throw new TxError({ code: TxCodes.ProfileInvalid, message: `bigquery adapter got '${creds.type}' credentials` });
  }
  // Re-resolving is cheap and accepts credentials that were not produced by resolveCredentials.
  return resolveBigQueryCredentials(creds);
}

export const bigqueryAdapter: Adapter = {
  dialect: bigqueryDialect,
  resolveCredentials: resolveBigQueryCredentials,
  secretKeys: bigquerySecretKeys,
  async connect(creds: TargetCredentials, ctx: ConnectContext): Promise<ConnectionPool> {
    const { BigQueryPool } = await import('./pool.js');
    return BigQueryPool.open(asBigQuery(creds), ctx);
  },
};

export default bigqueryAdapter;
export { bigqueryDialect } from './dialect.js';
export { resolveBigQueryCredentials, type BigQueryCredentials } from './credentials.js';
