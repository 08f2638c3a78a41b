/**
 * Every dbt-bigquery auth method through the SDK and google-auth-library against the fake:
 * service accounts sign JWTs the fake verifies with their public key, oauth-secrets refreshes
 * at token_uri, impersonation goes through the IAM credentials endpoint. Failures are explained.
 */
import './bigquery-helpers.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBigQueryCredentials } from '../../../adapters/bigquery/credentials.js';
import { BigQueryPool } from '../../../adapters/bigquery/pool.js';
import { TxCodes, TxError } from '../../../src/errors/tx-error.js';
import { FakeAuth } from '../../fakes/bigquery/auth.js';
import { installNetGuard, type NetGuard } from '../../fakes/net-guard.js';
import type { FakeBigQuery } from '../../fakes/bigquery/server.js';
import { FAST, PROJECT, startFake } from './bigquery-helpers.js';

let guard: NetGuard;
let fake: FakeBigQuery;
const dir = mkdtempSync(join(tmpdir(), 'tx-bq-auth-'));

beforeAll(async () => {
  guard = installNetGuard();
  fake = await startFake();
});
afterAll(async () => {
  await fake?.stop();
  guard?.uninstall();
});

function profile(extra: Record<string, unknown>): Record<string, unknown> {
  return { type: 'bigquery', project: PROJECT, dataset: 'auth', api_endpoint: fake.url, ...extra };
}

async function connectAndQuery(raw: Record<string, unknown>): Promise<unknown[][]> {
  const pool = await BigQueryPool.open(resolveBigQueryCredentials(raw), { projectDir: dir, threads: 1 }, FAST);
  try {
    const conn = await pool.acquire();
    return (await conn.execute('select 1 as ok', { fetch: true })).rows;
  } finally {
    await pool.close();
  }
}

async function connectError(raw: Record<string, unknown>): Promise<TxError> {
  const e = await connectAndQuery(raw).then(() => null, (x: unknown) => x);
  if (!(e instanceof TxError)) throw new Error(`expected a TxError, got ${String(e)}`);
  return e;
}

describe('bigquery auth methods', () => {
  it('service-account: a keyfile path (relative to the project), signed JWTs verified by the server', async () => {
    const key = fake.auth.serviceAccount(`keyfile@${PROJECT}.iam.gserviceaccount.com`, PROJECT, fake.tokenUri);
    writeFileSync(join(dir, 'key.json'), JSON.stringify(key));
    expect(await connectAndQuery(profile({ method: 'service-account', keyfile: 'key.json' }))).toEqual([[1]]);
    expect(fake.auth.log.at(-1)).toEqual({ principal: key.client_email, method: 'jwt' });
  });

  it('service-account-json: the key inline (or as a JSON string from env_var)', async () => {
    const key = fake.auth.serviceAccount(`inline@${PROJECT}.iam.gserviceaccount.com`, PROJECT, fake.tokenUri);
    expect(await connectAndQuery(profile({ method: 'service-account-json', keyfile_json: JSON.stringify(key) }))).toEqual([[1]]);
    expect(fake.auth.log.at(-1)?.principal).toBe(key.client_email);
  });

  it('oauth-secrets: a refresh token exchanged at token_uri', async () => {
    const client = fake.auth.oauthClient('alice@example.com');
    const before = fake.count('POST', /^\/token$/);
    expect(await connectAndQuery(profile({ method: 'oauth-secrets', token_uri: fake.tokenUri, ...client }))).toEqual([[1]]);
    expect(fake.count('POST', /^\/token$/) - before).toBe(1);
    expect(fake.auth.log.at(-1)).toEqual({ principal: 'alice@example.com', method: 'token' });
  });

  it('oauth-secrets: a plain access token', async () => {
    const token = fake.auth.issue('bob@example.com');
    expect(await connectAndQuery(profile({ method: 'oauth-secrets', token }))).toEqual([[1]]);
    expect(fake.auth.log.at(-1)?.principal).toBe('bob@example.com');
  });

  it('impersonate_service_account: a token for the target account through IAM credentials', async () => {
    // The source credentials are OAuth (refreshed at token_uri); a service-account source would
    // exchange its JWT at oauth2.googleapis.com, which the network guard forbids (see below).
    const client = fake.auth.oauthClient('carol@example.com');
    const target = `runner@${PROJECT}.iam.gserviceaccount.com`;
    expect(await connectAndQuery(profile({ method: 'oauth-secrets', token_uri: fake.tokenUri, ...client, impersonate_service_account: target }))).toEqual([[1]]);
    expect(fake.impersonated).toContain(target);
    expect(fake.auth.log.at(-1)).toEqual({ principal: target, method: 'token' });
  });

  it('execution_project: jobs run (and bill) there, relations stay in project', async () => {
    const key = fake.auth.serviceAccount(`billing@${PROJECT}.iam.gserviceaccount.com`, PROJECT, fake.tokenUri);
    const before = fake.count('POST', /^\/bigquery\/v2\/projects\/other-project\/jobs$/);
    await connectAndQuery(profile({ method: 'service-account-json', keyfile_json: key, execution_project: 'other-project' }));
    expect(fake.count('POST', /^\/bigquery\/v2\/projects\/other-project\/jobs$/) - before).toBe(2);
  });
});

describe('bigquery auth failures, explained', () => {
  it('a refresh token Google refuses', async () => {
    const e = await connectError(profile({ method: 'oauth-secrets', token_uri: fake.tokenUri, refresh_token: 'revoked', client_id: 'c', client_secret: 's' }));
    expect(e.code).toBe(TxCodes.ConnectionFailed);
    expect(e.message).toContain('Google refused the OAuth credentials');
    expect(e.hint).toContain('refresh_token');
  });

  it('a key BigQuery does not know', async () => {
    const stranger = new FakeAuth().serviceAccount(`stranger@${PROJECT}.iam.gserviceaccount.com`, PROJECT, fake.tokenUri);
    const e = await connectError(profile({ method: 'service-account-json', keyfile_json: stranger }));
    expect(e.code).toBe(TxCodes.ConnectionFailed);
    expect(e.message).toContain('BigQuery rejected the credentials of method service-account-json');
  });

  it('a keyfile that is missing, or not a key', async () => {
    expect((await connectError(profile({ method: 'service-account', keyfile: 'nope.json' }))).message).toContain("cannot read the service account keyfile 'nope.json'");
    const e = await connectError(profile({ method: 'service-account-json', keyfile_json: { type: 'service_account', client_email: 'x@y', private_key: 'not a key' } }));
    expect(e.message).toContain('not a valid private key');
  });

  it('oauth without application default credentials', async () => {
    const home = process.env['HOME'];
    const adc = process.env['GOOGLE_APPLICATION_CREDENTIALS'];
    process.env['HOME'] = dir;
    delete process.env['GOOGLE_APPLICATION_CREDENTIALS'];
    try {
      const e = await connectError(profile({ method: 'oauth' }));
      expect(e.message).toBe('no Google credentials found for method oauth (application default credentials)');
      expect(e.hint).toContain('gcloud auth application-default login');
    } finally {
      process.env['HOME'] = home;
      if (adc !== undefined) process.env['GOOGLE_APPLICATION_CREDENTIALS'] = adc;
    }
  });

  it('a project that does not exist, or denies jobs', async () => {
    const key = fake.auth.serviceAccount(`deny@${PROJECT}.iam.gserviceaccount.com`, PROJECT, fake.tokenUri);
    const missing = await connectError(profile({ method: 'service-account-json', keyfile_json: key, project: 'no-such-project' }));
    expect(missing.message).toContain("BigQuery does not know project 'no-such-project'");
    fake.denied.add(PROJECT);
    try {
      const denied = await connectError(profile({ method: 'service-account-json', keyfile_json: key }));
      expect(denied.message).toContain(`access denied on project '${PROJECT}'`);
      expect(denied.hint).toContain('roles/bigquery.jobUser');
    } finally {
      fake.denied.clear();
    }
  });

  it('an impersonation that cannot get a token (and never leaves the machine)', async () => {
    const key = fake.auth.serviceAccount(`source@${PROJECT}.iam.gserviceaccount.com`, PROJECT, fake.tokenUri);
    const target = `runner@${PROJECT}.iam.gserviceaccount.com`;
    const e = await connectError(profile({ method: 'service-account-json', keyfile_json: key, impersonate_service_account: target }));
    expect(e.message).toContain(`cannot impersonate ${target}`);
    expect(e.hint).toContain('roles/iam.serviceAccountTokenCreator');
    // The guard refused Google's token endpoint: counted, then cleared for the final check.
    expect(guard.violations.every((h) => h === 'oauth2.googleapis.com')).toBe(true);
    guard.violations.length = 0;
  });

  it('an endpoint nothing listens on', async () => {
    const key = fake.auth.serviceAccount(`down@${PROJECT}.iam.gserviceaccount.com`, PROJECT, fake.tokenUri);
    const e = await connectError({ ...profile({ method: 'service-account-json', keyfile_json: key }), api_endpoint: 'http://127.0.0.1:9', job_retries: 0 });
    expect(e.message).toBe('cannot reach BigQuery at http://127.0.0.1:9 (ECONNREFUSED)');
  });

  it('opened sockets to 127.0.0.1 only', () => {
    expect(guard.violations).toEqual([]);
  });
});
