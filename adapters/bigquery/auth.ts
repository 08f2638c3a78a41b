/**
 * One Google auth client per target, by dbt-bigquery's `method`. Loaded lazily with the SDK.
 * Service accounts sign their own JWT access tokens (as the Python client libraries dbt-bigquery
 * uses do, `always_use_jwt_access`), so no token exchange is needed; oauth-secrets refreshes
 * against `token_uri`; impersonation goes through the IAM credentials API.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { AnyAuthClient } from 'google-auth-library';
import { TxCodes, TxError } from '../../src/errors/tx-error.js';
import type { BigQueryCredentials } from './credentials.js';

export const DEFAULT_SCOPES = [
  'https://www.googleapis.com/auth/bigquery',
  'https://www.googleapis.com/auth/cloud-platform',
  'https://www.googleapis.com/auth/drive',
];

/** The IAM credentials API; an emulator's api_endpoint serves it too. */
const IAM_ENDPOINT = 'https://iamcredentials.googleapis.com';

type AuthLib = typeof import('google-auth-library');

async function serviceAccountKey(c: BigQueryCredentials, projectDir: string): Promise<Record<string, unknown>> {
  if (c.method === 'service-account-json' && c.keyfile_json !== null) return c.keyfile_json;
  const path = c.keyfile ?? '';
  const text = await readFile(isAbsolute(path) ? path : resolve(projectDir, path), 'utf8');
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new TxError({ code: TxCodes.ConnectionFailed, message: `the keyfile '${path}' is not JSON`, hint: 'use the JSON key downloaded from the Google Cloud console' });
  }
}

function keyString(key: Record<string, unknown>, name: string): string {
  const v = key[name];
  if (typeof v !== 'string' || v === '') {
    throw new TxError({ code: TxCodes.ConnectionFailed, message: `the service account key has no '${name}'`, hint: 'use the JSON key downloaded from the Google Cloud console unchanged' });
  }
  return v;
}

async function serviceAccountClient(lib: AuthLib, c: BigQueryCredentials, projectDir: string, scopes: string[]): Promise<AnyAuthClient> {
  const key = await serviceAccountKey(c, projectDir);
  if (key['type'] !== undefined && key['type'] !== 'service_account') {
    // An authorized_user or external_account JSON: the library knows how to use it.
    return new lib.GoogleAuth({ credentials: key, scopes }).getClient();
  }
  const jwt = new lib.JWT({
    email: keyString(key, 'client_email'),
    key: keyString(key, 'private_key'),
    keyId: typeof key['private_key_id'] === 'string' ? key['private_key_id'] : undefined,
    scopes,
  });
  jwt.useJWTAccessWithScope = true;
  return jwt;
}

function oauthSecretsClient(lib: AuthLib, c: BigQueryCredentials): AnyAuthClient {
  const client = new lib.OAuth2Client({
    clientId: c.client_id ?? undefined,
    clientSecret: c.client_secret ?? undefined,
    endpoints: c.token_uri ? { oauth2TokenUrl: c.token_uri } : undefined,
  });
  client.setCredentials({ access_token: c.token ?? undefined, refresh_token: c.refresh_token ?? undefined });
  return client;
}

/** The auth client the SDK signs every request with. */
export async function createAuthClient(c: BigQueryCredentials, projectDir: string): Promise<AnyAuthClient> {
  const lib = await import('google-auth-library');
  const scopes = c.scopes.length > 0 ? c.scopes : DEFAULT_SCOPES;
  let client: AnyAuthClient;
  switch (c.method) {
    case 'service-account':
    case 'service-account-json':
      client = await serviceAccountClient(lib, c, projectDir, scopes);
      break;
    case 'oauth-secrets':
      client = oauthSecretsClient(lib, c);
      break;
    case 'oauth':
      client = await new lib.GoogleAuth({ scopes }).getClient();
      break;
  }
  if (c.impersonate_service_account !== null) {
    client = new lib.Impersonated({
      sourceClient: client,
      targetPrincipal: c.impersonate_service_account,
      targetScopes: scopes,
      lifetime: 3600,
      delegates: [],
      endpoint: c.api_endpoint ?? IAM_ENDPOINT,
    });
  }
  if (c.quota_project !== null) client.quotaProjectId = c.quota_project;
  return client;
}
