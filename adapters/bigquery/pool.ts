/**
 * BigQuery connections for one target: one SDK client (HTTP, stateless) shared by up to
 * `threads` connections, each with its own job runner and session. Imported lazily (index.ts)
 * with the SDK, so `tx compile` never loads it.
 */
import { BigQuery, type BigQueryOptions } from '@google-cloud/bigquery';
import type { Connection, ConnectionPool, ConnectContext } from '../../src/adapter/types.js';
import { TxCodes, TxError } from '../../src/errors/tx-error.js';
import { createAuthClient } from './auth.js';
import { BigQueryTxConnection } from './connection.js';
import type { BigQueryCredentials } from './credentials.js';
import { connectError, type ConnectTarget } from './errors.js';
import { DEFAULT_TUNING, JobRunner, type JobSettings, type Tuning } from './jobs.js';
import { Metadata } from './metadata.js';

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

export class BigQueryPool implements ConnectionPool {
  private readonly idle: BigQueryTxConnection[] = [];
  private readonly all = new Set<BigQueryTxConnection>();
  private readonly waiters: ((c: BigQueryTxConnection) => void)[] = [];
  private closed = false;

  private constructor(
    private readonly client: BigQuery,
    private readonly creds: BigQueryCredentials,
    private readonly max: number,
    private readonly tuning: Tuning,
  ) {}

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

  private create(): BigQueryTxConnection {
    const runner = new JobRunner(this.client, settings(this.creds), this.tuning);
    const conn = new BigQueryTxConnection(runner, new Metadata(this.client, this.creds.database, this.tuning.pageSize), (c) => this.forget(c));
    this.all.add(conn);
    return conn;
  }

  private forget(c: BigQueryTxConnection): void {
    this.all.delete(c);
    const i = this.idle.indexOf(c);
    if (i >= 0) this.idle.splice(i, 1);
  }

  async acquire(): Promise<Connection> {
    if (this.closed) throw new TxError({ code: TxCodes.Internal, message: 'bigquery pool is closed' });
    const free = this.idle.pop();
    if (free) return free;
    if (this.all.size < this.max) return this.create();
    return new Promise((res) => this.waiters.push(res));
  }

  release(conn: Connection): void {
    if (!(conn instanceof BigQueryTxConnection) || !this.all.has(conn)) return;
    const waiter = this.waiters.shift();
    if (waiter) waiter(conn);
    else this.idle.push(conn);
  }

  async cancelAll(): Promise<void> {
    await Promise.all([...this.all].map((c) => c.cancel()));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.all].map((c) => c.close()));
  }
}
