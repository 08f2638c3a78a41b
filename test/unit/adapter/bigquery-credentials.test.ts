/** dbt-bigquery profile keys → credentials: defaults, aliases, per-method checks, secrets. */
import { describe, expect, it } from 'vitest';
import { bigqueryAdapter } from '../../../adapters/bigquery/index.js';
import { redactCredentials } from '../../../src/adapter/redact.js';
import { targetInfo } from '../../../src/context/target.js';
import { TxCodes, TxError } from '../../../src/errors/tx-error.js';

const base = { type: 'bigquery', method: 'oauth', project: 'my-project', dataset: 'analytics' };
const resolve = (raw: Record<string, unknown>) => bigqueryAdapter.resolveCredentials(raw);
const failure = (raw: Record<string, unknown>): TxError => {
  try {
    resolve(raw);
  } catch (e) {
    if (e instanceof TxError) return e;
    throw e;
  }
  throw new Error('expected a ProfileInvalid error');
};

describe('bigquery credentials', () => {
  it('applies dbt-bigquery defaults', () => {
    expect(resolve(base)).toMatchObject({
      type: 'bigquery', method: 'oauth', database: 'my-project', schema: 'analytics', project: 'my-project', dataset: 'analytics',
      threads: 1, location: null, priority: 'interactive', job_execution_timeout_seconds: null, job_retries: 1,
      maximum_bytes_billed: null, impersonate_service_account: null, execution_project: 'my-project', api_endpoint: null,
    });
  });

  it('reads every dbt-bigquery key and its aliases', () => {
    const c = resolve({
      type: 'bigquery', method: 'service-account', keyfile: '/k.json', database: 'p', schema: 's', threads: 8, location: 'EU',
      priority: 'batch', timeout_seconds: 300, retries: 3, job_retry_deadline_seconds: 600, maximum_bytes_billed: '1000000000',
      impersonate_service_account: 'sa@p.iam.gserviceaccount.com', execution_project: 'billing', scopes: ['https://www.googleapis.com/auth/bigquery'],
      gcs_bucket: 'ignored-but-kept',
    });
    expect(c).toMatchObject({
      database: 'p', schema: 's', threads: 8, location: 'EU', priority: 'batch', job_execution_timeout_seconds: 300, job_retries: 3,
      job_retry_deadline_seconds: 600, maximum_bytes_billed: 1_000_000_000, execution_project: 'billing', keyfile: '/k.json',
      gcs_bucket: 'ignored-but-kept',
    });
    expect(resolve({ ...c })).toEqual(c);
  });

  it('checks what each method needs, naming the key', () => {
    expect(failure({ ...base, method: 'service-account' }).message).toContain("'keyfile' is required with method 'service-account'");
    expect(failure({ ...base, method: 'service-account-json' }).message).toContain("'keyfile_json' is required");
    expect(failure({ ...base, method: 'oauth-secrets' }).message).toContain("'token' or 'refresh_token' is required");
    expect(failure({ ...base, method: 'oauth-secrets', refresh_token: 'r', client_id: 'c' }).message).toContain("'client_secret' is required");
    expect(failure({ ...base, method: 'password' }).hint).toContain('oauth, service-account, service-account-json, oauth-secrets');
    expect(failure({ type: 'bigquery', dataset: 'd' }).message).toContain("'project' is required");
    expect(failure({ type: 'bigquery', project: 'p' }).message).toContain("'dataset' is required");
    expect(failure({ ...base, priority: 'urgent' }).message).toContain("'priority'");
    expect(failure({ ...base, job_retries: -1 }).message).toContain('non-negative integer');
    expect(failure({ ...base, method: 'service-account-json', keyfile_json: '{not json' }).code).toBe(TxCodes.ProfileInvalid);
    expect(resolve({ ...base, method: 'service-account-json', keyfile_json: '{"type": "service_account"}' }).keyfile_json).toEqual({ type: 'service_account' });
  });

  it('keeps secrets out of target and redacted output', () => {
    const c = resolve({ ...base, method: 'oauth-secrets', token: 'ya29.secret', refresh_token: 'r-secret', client_id: 'cid', client_secret: 'cs' });
    const t = targetInfo('p', 'dev', c, bigqueryAdapter.secretKeys);
    expect(JSON.stringify(t)).not.toMatch(/ya29\.secret|r-secret|"cs"/);
    expect(t['project']).toBe('my-project');
    expect(t['dataset']).toBe('analytics');
    const shown = redactCredentials(c, bigqueryAdapter.secretKeys);
    expect(shown['token']).toBe('***');
    expect(shown['client_id']).toBe('cid');
  });
});
