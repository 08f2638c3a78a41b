/**
 * The snowflake-sdk, loaded on first connect (never by `tx compile`), and the mapping from
 * profile credentials to its connection options.
 */
import type * as Sdk from 'snowflake-sdk';
import type { ConnectContext } from '../../src/adapter/types.js';
import { loadPrivateKey, type SnowflakeCredentials } from './credentials.js';

export type SdkModule = typeof Sdk;
export type SdkConnection = Sdk.Connection;
export type SdkStatement = Sdk.RowStatement;
export type SdkError = Sdk.SnowflakeError;

/** The driver module. It is CommonJS: under ESM its API is the default export. */
export async function loadSdk(): Promise<SdkModule> {
  const mod = (await import('snowflake-sdk')) as SdkModule & { default?: SdkModule };
  const sdk = mod.default ?? mod;
  // The driver logs to a file in the working directory by default; tx reports errors itself.
  sdk.configure({ logLevel: 'OFF' });
  return sdk;
}

/** The SDK's authenticator names for dbt-snowflake's (lower-case) ones. */
function sdkAuthenticator(a: string): string {
  switch (a) {
    case 'snowflake_jwt':
      return 'SNOWFLAKE_JWT';
    case 'externalbrowser':
      return 'EXTERNALBROWSER';
    case 'oauth':
      return 'OAUTH';
    case 'username_password_mfa':
      return 'USERNAME_PASSWORD_MFA';
    case 'programmatic_access_token':
      return 'PROGRAMMATIC_ACCESS_TOKEN';
    case 'snowflake':
      return 'SNOWFLAKE';
    default:
      return a; // an Okta URL
  }
}

/** Where the service is: <account>.snowflakecomputing.com unless the profile names a host. */
export function accessUrl(c: SnowflakeCredentials): string | undefined {
  if (c.host === null) return undefined;
  const port = c.port === null ? '' : `:${c.port}`;
  return `${c.protocol}://${c.host}${port}`;
}

export function connectionOptions(c: SnowflakeCredentials, ctx: ConnectContext): Sdk.ConnectionOptions {
  const opts: Sdk.ConnectionOptions = {
    account: c.account,
    username: c.user,
    authenticator: sdkAuthenticator(c.authenticator),
    database: c.database,
    schema: c.schema,
    application: 'tx',
    clientSessionKeepAlive: c.client_session_keep_alive,
    // Integers beyond 2^53 stay exact; the connection turns safe ones back into numbers.
    jsTreatIntegerAsBigInt: true,
    // tx retries a failed login itself (connect_retries); the SDK's own retries are kept short.
    sfRetryMaxLoginRetries: 1,
  };
  const url = accessUrl(c);
  if (url !== undefined) opts.accessUrl = url;
  if (c.password !== null) opts.password = c.password;
  if (c.token !== null) opts.token = c.token;
  if (c.role !== null) opts.role = c.role;
  if (c.warehouse !== null) opts.warehouse = c.warehouse;
  const key = loadPrivateKey(c, ctx.projectDir);
  if (key !== null) opts.privateKey = key;
  return opts;
}
