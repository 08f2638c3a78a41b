/**
 * BigQuery connections for one target: one SDK client (HTTP, stateless) shared by up to
 * `threads` connections, each with its own job runner and session. Imported lazily (index.ts)
 * with the SDK, so `tx compile` never loads it.
 */
import { BigQuery, type BigQueryOptions } from '@google-cloud/bigquery';
import type { ConnectContext } from '../../src/adapter/types.js';
import { createAuthClient } from './auth.js';
import { BigQueryTxConnection } from './connection.js';
import type { BigQueryCredentials } from './credentials.js';
import { connectError, type ConnectTarget } from './errors.js';
import { DEFAULT_TUNING, JobRunner, type JobSettings, type Tuning } from './jobs.js';
import { Metadata } from './metadata.js';
import { SlotPool } from '../../src/adapter/slot-pool.js';

const DEFAULT_ENDPOINT = 'https://bigquery.googleapis.com';

function settings(c: BigQueryCredentials): JobSettings {
  return {
    location: c.location,
    priority: c.priority,
    maximumBytesBilled: c.maximum_bytes_billed,
    timeoutMs: c.job_execution_timeout_seconds === null ? null : c.job_execution_timeout_seconds * 1000,
    retries: c.job_retries,
    retryDeadlineMs: c.job_retry_deadline_seconds === null ? null : c.job_retry_deadline_seconds * 1000,
  };
}

export class BigQueryPool extends SlotPool<BigQueryTxConnection> {

  private constructor(
    private readonly client: BigQuery,
    private readonly creds: BigQueryCredentials,
    max: number,
    private readonly tuning: Tuning,
  ) {
    super('bigquery', max);
  }

  /**
   * Authenticates and checks the execution project with a dry-run `select 1` (free, and it
   * proves the credentials may run jobs there), so a bad profile fails at connect time.
   */
  static async open(creds: BigQueryCredentials, ctx: ConnectContext, tuning: Tuning = DEFAULT_TUNING): Promise<BigQueryPool> {
    const target: ConnectTarget = {
      method: creds.method,
      project: creds.database,
      executionProject: creds.execution_project,
      endpoint: creds.api_endpoint ?? DEFAULT_ENDPOINT,
      keyfile: creds.keyfile,
      impersonate: creds.impersonate_service_account,
    };
    let client: BigQuery;
    try {
      const options: BigQueryOptions = {
        projectId: creds.execution_project,
        authClient: await createAuthClient(creds, ctx.projectDir),
        userAgent: 'tx',
        // Retries are ours (jobs.ts): by job, with dbt-bigquery's job_retries and backoff.
        retryOptions: { autoRetry: false },
      };
      if (creds.location !== null) options.location = creds.location;
      if (creds.api_endpoint !== null) options.apiEndpoint = creds.api_endpoint;
      client = new BigQuery(options);
    } catch (e) {
      throw connectError(e, target);
    }
    const pool = new BigQueryPool(client, creds, Math.max(1, ctx.threads), tuning);
    try {
      await new JobRunner(client, { ...settings(creds), retries: Math.min(creds.job_retries, 1) }, tuning).run({ sql: 'select 1', dryRun: true });
    } catch (e) {
      throw connectError(e, target);
    }
    return pool;
  }

  protected async open(): Promise<BigQueryTxConnection> {
    const runner = new JobRunner(this.client, settings(this.creds), this.tuning);
    return new BigQueryTxConnection(runner, new Metadata(this.client, this.creds.database, this.tuning.pageSize), (c) => this.forget(c));
  }
}
