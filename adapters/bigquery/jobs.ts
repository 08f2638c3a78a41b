/**
 * One query as BigQuery runs it: jobs.insert, jobs.get polling with backoff until DONE, then
 * jobs.getQueryResults page by page. A job that fails with a retryable reason runs again as a
 * new job (dbt-bigquery's job_retries); a lost jobs.insert response is retried with the same
 * job id, so the statement never runs twice. Imported lazily with the SDK.
 */
import { randomUUID } from 'node:crypto';
import type { BigQuery, Job, JobMetadata, Query } from '@google-cloud/bigquery';
import { TxCodes, TxError } from '../../src/errors/tx-error.js';
import { cancelledError, errorCode, isRetryable, jobError, type ErrorProto } from './errors.js';
import { decodeRows, type FieldSchema } from './values.js';

export interface JobSettings {
  location: string | null;
  priority: 'interactive' | 'batch';
  maximumBytesBilled: number | null;
  /** Client- and server-side limit on one job's run time. */
  timeoutMs: number | null;
  retries: number;
  retryDeadlineMs: number | null;
}

/** Timings; tests shrink them, production keeps the defaults. */
export interface Tuning {
  retryBaseMs: number;
  retryMaxMs: number;
  pollInitialMs: number;
  pollMaxMs: number;
  /** Rows per jobs.getQueryResults page. */
  pageSize: number;
}

/** How long a cancelled job is polled for its final state. */
const CANCEL_WAIT_MS = 30_000;

export const DEFAULT_TUNING: Tuning = { retryBaseMs: 1000, retryMaxMs: 30_000, pollInitialMs: 100, pollMaxMs: 2000, pageSize: 10_000 };

export interface JobRequest {
  sql: string;
  params?: readonly unknown[];
  dryRun?: boolean;
  /** Start a session with this job (its temporary tables live until the session ends). */
  createSession?: boolean;
  sessionId?: string | null;
  fetch?: boolean;
  signal?: AbortSignal;
}

export interface JobOutcome {
  jobId: string;
  metadata: JobMetadata;
  fields: FieldSchema[];
  rows: unknown[][];
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((res) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      res();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** GoogleSQL parameter types for positional values (null needs a type too). */
function paramType(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? 'INT64' : 'FLOAT64';
  if (typeof v === 'bigint') return 'INT64';
  if (typeof v === 'boolean') return 'BOOL';
  if (v instanceof Date) return 'TIMESTAMP';
  return 'STRING';
}

export class JobRunner {
  /** The job being polled, for cancel(). */
  private current: Job | null = null;

  constructor(
    private readonly client: BigQuery,
    private readonly settings: JobSettings,
    private readonly tuning: Tuning = DEFAULT_TUNING,
  ) {}

  private backoff(attempt: number): number {
    return Math.min(this.tuning.retryBaseMs * 2 ** (attempt - 1), this.tuning.retryMaxMs);
  }

  /** Retries an idempotent API call on transient failures. */
  private async call<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        if (signal?.aborted) throw cancelledError(e);
        if (!this.mayRetry(e, attempt, started)) throw e;
        await sleep(this.backoff(attempt), signal);
      }
    }
  }

  private mayRetry(e: unknown, attempt: number, started: number): boolean {
    if (!isRetryable(e) || attempt > this.settings.retries) return false;
    const deadline = this.settings.retryDeadlineMs;
    return deadline === null || Date.now() - started + this.backoff(attempt) < deadline;
  }

  private query(req: JobRequest, jobId: string): Query {
    const s = this.settings;
    const q: Query = { query: req.sql, useLegacySql: false, jobId, priority: s.priority === 'batch' ? 'BATCH' : 'INTERACTIVE' };
    if (s.location !== null) q.location = s.location;
    if (s.maximumBytesBilled !== null) q.maximumBytesBilled = String(s.maximumBytesBilled);
    if (s.timeoutMs !== null) q.jobTimeoutMs = s.timeoutMs;
    if (req.dryRun) q.dryRun = true;
    if (req.params && req.params.length > 0) {
      q.params = [...req.params].map((v) => (v === undefined ? null : v));
      q.types = [...req.params].map(paramType);
    }
    if (req.createSession) q.createSession = true;
    if (req.sessionId) q.connectionProperties = [{ key: 'session_id', value: req.sessionId }];
    return q;
  }

  /** Inserts the job; a lost response (retried with the same id) that already created it is fetched instead. */
  private async insert(req: JobRequest, jobId: string): Promise<[Job, JobMetadata]> {
    const q = this.query(req, jobId);
    return this.call(async () => {
      try {
        const [job, meta] = await this.client.createQueryJob(q);
        return [job, meta];
      } catch (e) {
        if (errorCode(e) !== 409 || req.dryRun) throw e;
        const job = this.client.job(jobId, this.settings.location ? { location: this.settings.location } : {});
        const [meta] = await job.getMetadata();
        return [job, meta as JobMetadata];
      }
    }, req.signal);
  }

  /** jobs.get until DONE, backing off; cancels the job on abort or when it outlives the timeout. */
  private async poll(job: Job, first: JobMetadata, signal?: AbortSignal): Promise<JobMetadata> {
    let meta = first;
    let wait = this.tuning.pollInitialMs;
    const started = Date.now();
    let cancelled = false;
    let cancelledAt = 0;
    const cancel = (): void => {
      if (cancelled) return;
      cancelled = true;
      cancelledAt = Date.now();
      void job.cancel().catch(() => undefined);
    };
    signal?.addEventListener('abort', cancel, { once: true });
    // Aborted while the job was being inserted: the listener above will not fire.
    if (signal?.aborted) cancel();
    try {
      while (meta.status?.state !== 'DONE') {
        // A cancelled job normally stops within seconds; past that, stop waiting for BigQuery to say so.
        if (cancelled && Date.now() - cancelledAt > CANCEL_WAIT_MS) throw cancelledError();
        const limit = this.settings.timeoutMs;
        if (limit !== null && Date.now() - started > limit && !cancelled) {
          cancel();
          throw new TxError({
            code: TxCodes.DatabaseError,
            message: `job ${job.id ?? ''} ran longer than job_execution_timeout_seconds (${limit / 1000}s) and was cancelled`,
            hint: 'raise job_execution_timeout_seconds in profiles.yml, or make the query cheaper',
          });
        }
        // Once cancelled, keep polling (without waking on the signal) until BigQuery reports DONE.
        await sleep(wait, cancelled ? undefined : signal);
        wait = Math.min(wait * 2, this.tuning.pollMaxMs);
        meta = (await this.call(() => job.getMetadata(), undefined))[0] as JobMetadata;
      }
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
    if (cancelled && signal?.aborted) throw cancelledError();
    return meta;
  }

  /** Every page of the job's result (jobs.getQueryResults with pageToken). */
  private async fetch(job: Job, signal?: AbortSignal): Promise<{ fields: FieldSchema[]; rows: unknown[][] }> {
    let pageToken: string | undefined;
    let fields: FieldSchema[] = [];
    const rows: unknown[][] = [];
    do {
      if (signal?.aborted) throw cancelledError();
      const opts = { autoPaginate: false, skipParsing: true, maxResults: this.tuning.pageSize, pageToken };
      const [page, , resp] = await this.call(() => job.getQueryResults(opts), signal);
      fields = (resp?.schema?.fields ?? fields) as FieldSchema[];
      rows.push(...decodeRows(fields, page));
      pageToken = resp?.pageToken ?? undefined;
    } while (pageToken);
    return { fields, rows };
  }

  /** Runs one statement to completion; a retryable job failure runs it again as a new job. */
  async run(req: JobRequest): Promise<JobOutcome> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      if (req.signal?.aborted) throw cancelledError();
      const jobId = `tx_${randomUUID().replace(/-/g, '_')}`;
      const [job, first] = await this.insert(req, jobId);
      if (req.dryRun) return { jobId, metadata: first, fields: (first.statistics?.query?.schema?.fields ?? []) as FieldSchema[], rows: [] };
      this.current = job;
      let meta: JobMetadata;
      try {
        meta = await this.poll(job, first, req.signal);
      } finally {
        this.current = null;
      }
      const result = meta.status?.errorResult;
      if (result) {
        const err = jobError(result as ErrorProto, (meta.status?.errors ?? []) as ErrorProto[], jobId);
        if (this.mayRetry(result, attempt, started)) {
          await sleep(this.backoff(attempt), req.signal);
          continue;
        }
        throw err;
      }
      const fetched = req.fetch ? await this.fetch(job, req.signal) : { fields: (meta.statistics?.query?.schema?.fields ?? []) as FieldSchema[], rows: [] };
      return { jobId, metadata: meta, ...fetched };
    }
  }

  /** Asks BigQuery to stop the job being polled (jobs.cancel); the poll then reports it cancelled. */
  async cancel(): Promise<void> {
    const job = this.current;
    if (job) await job.cancel().catch(() => undefined);
  }
}
