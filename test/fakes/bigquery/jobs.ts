/**
 * BigQuery jobs in the fake: created by jobs.insert (or jobs.query), run in the background on
 * DuckDB, reported RUNNING to the first `minPolls` jobs.get calls (so clients really poll), and
 * cancellable. Results are paged by jobs.getQueryResults. SQL comments steer a job for tests:
 * `/* fake:sleep_ms=500 *\/` delays it (so it can be cancelled or time out).
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { FakeEngine, RunResult } from './engine.js';
import { FakeSqlError } from './rewrite.js';

export interface ErrorProto {
  reason: string;
  message: string;
  location?: string;
}

export interface JobFailure {
  match: RegExp;
  reason: string;
  message: string;
  times: number;
}

interface QueryParameter {
  name?: string;
  parameterType?: { type?: string };
  parameterValue?: { value?: unknown };
}

export interface QueryConfig {
  query?: string;
  useLegacySql?: boolean;
  queryParameters?: QueryParameter[];
  parameterMode?: string;
  createSession?: boolean;
  connectionProperties?: { key: string; value: string }[];
  maximumBytesBilled?: string;
  priority?: string;
}

export interface FakeJob {
  jobId: string;
  project: string;
  location: string;
  configuration: { query?: QueryConfig; dryRun?: boolean; jobTimeoutMs?: string; labels?: Record<string, string> };
  state: 'RUNNING' | 'DONE';
  polls: number;
  session: string | null;
  createdSession: boolean;
  result?: RunResult;
  error?: ErrorProto;
  created: number;
  ended?: number;
  done: Promise<void>;
  cancel(): void;
}

function paramValue(p: QueryParameter): DuckDBValue {
  const v = p.parameterValue?.value;
  if (v === undefined || v === null) return null;
  switch (p.parameterType?.type) {
    case 'INT64': {
      const n = Number(v);
      return Number.isSafeInteger(n) ? n : BigInt(String(v));
    }
    case 'FLOAT64':
    case 'NUMERIC':
      return Number(v);
    case 'BOOL':
      return String(v) === 'true';
    default:
      return String(v);
  }
}

export function jobParams(q: QueryConfig): DuckDBValue[] | Record<string, DuckDBValue> | undefined {
  const ps = q.queryParameters ?? [];
  if (ps.length === 0) return undefined;
  if (q.parameterMode === 'NAMED') return Object.fromEntries(ps.map((p) => [p.name ?? '', paramValue(p)]));
  return ps.map(paramValue);
}

const sleep = (ms: number, stop: { aborted: boolean; wake?: () => void }): Promise<void> =>
  new Promise((res) => {
    const t = setTimeout(res, ms);
    stop.wake = () => {
      clearTimeout(t);
      res();
    };
  });

/** BigQuery bills at least 10 MB per query, in whole MB. */
export function billed(bytes: number): number {
  const mb = 1024 * 1024;
  return bytes === 0 ? 0 : Math.max(10 * mb, Math.ceil(bytes / mb) * mb);
}

export interface JobHooks {
  engine: FakeEngine;
  jobFailures: JobFailure[];
  minPolls: number;
}

/** Starts a job; the returned record is updated as it runs. */
export function startJob(h: JobHooks, init: Omit<FakeJob, 'state' | 'polls' | 'done' | 'cancel' | 'created' | 'createdSession'>, sql: string): FakeJob {
  const stop: { aborted: boolean; wake?: () => void } = { aborted: false };
  const job = init as FakeJob;
  job.state = 'RUNNING';
  job.polls = 0;
  job.created = Date.now();
  job.createdSession = false;
  const finish = (error?: ErrorProto): void => {
    if (job.state === 'DONE') return;
    if (error) job.error = error;
    job.state = 'DONE';
    job.ended = Date.now();
  };
  job.cancel = () => {
    if (job.state === 'DONE') return;
    stop.aborted = true;
    stop.wake?.();
    h.engine.interrupt(job.session);
    finish({ reason: 'stopped', message: 'Job execution was cancelled: User requested cancellation' });
  };
  job.done = (async () => {
    const timeout = Number(job.configuration.jobTimeoutMs ?? 0);
    const timer = timeout > 0 ? setTimeout(() => {
      stop.aborted = true;
      stop.wake?.();
      h.engine.interrupt(job.session);
      finish({ reason: 'timeout', message: `Job timed out after ${timeout / 1000} sec` });
    }, timeout) : null;
    try {
      const delay = /fake:sleep_ms=(\d+)/.exec(sql);
      if (delay) await sleep(Number(delay[1]), stop);
      if (stop.aborted) return;
      const failure = h.jobFailures.find((f) => f.times > 0 && f.match.test(sql));
      if (failure) {
        failure.times--;
        finish({ reason: failure.reason, message: failure.message });
        return;
      }
      const q = job.configuration.query ?? {};
      if (q.createSession) {
        job.session = await h.engine.createSession();
        job.createdSession = true;
      }
      const result = await h.engine.run({ sql, project: job.project, session: job.session, params: jobParams(q), location: job.location });
      if (stop.aborted) return;
      const limit = Number(q.maximumBytesBilled ?? 0);
      if (limit > 0 && result.statementType === 'SELECT' && billed(result.bytes) > limit) {
        finish({ reason: 'bytesBilledLimitExceeded', message: `Query exceeded limit for bytes billed: ${limit}. ${billed(result.bytes)} or higher required.` });
        return;
      }
      if (result.abortSession && job.session) h.engine.abortSession(job.session);
      job.result = result;
      finish();
    } catch (e) {
      if (stop.aborted) return;
      const err = e instanceof FakeSqlError ? e : new FakeSqlError('internalError', String(e));
      finish({ reason: err.reason, message: err.message, location: 'query' });
    } finally {
      if (timer) clearTimeout(timer);
    }
  })();
  return job;
}

/** jobs.get's view: RUNNING until finished and polled `minPolls` times. */
export function visibleState(job: FakeJob, minPolls: number): 'RUNNING' | 'DONE' {
  return job.state === 'DONE' && job.polls >= minPolls ? 'DONE' : 'RUNNING';
}

/** The job resource (Job) as the API returns it. */
export function jobResource(job: FakeJob, minPolls: number, principal: string): Record<string, unknown> {
  const state = visibleState(job, minPolls);
  const r = job.result;
  const bytes = r?.bytes ?? 0;
  const elapsed = Math.max(1, (job.ended ?? Date.now()) - job.created);
  const statistics: Record<string, unknown> = {
    creationTime: String(job.created),
    startTime: String(job.created),
    ...(state === 'DONE' ? { endTime: String(job.ended ?? Date.now()), totalBytesProcessed: String(bytes), totalSlotMs: String(elapsed * 3) } : {}),
  };
  if (state === 'DONE' && r) {
    statistics['query'] = {
      statementType: r.statementType,
      totalBytesProcessed: String(bytes),
      totalBytesBilled: String(billed(bytes)),
      totalSlotMs: String(elapsed * 3),
      cacheHit: false,
      ...(r.numDmlAffectedRows !== null ? { numDmlAffectedRows: String(r.numDmlAffectedRows) } : {}),
      ...(r.ddlTarget ? { ddlTargetTable: r.ddlTarget } : {}),
      ...(r.statementType === 'SELECT' || r.statementType === 'SCRIPT' ? { schema: { fields: r.fields } } : {}),
    };
  }
  if (job.session) statistics['sessionInfo'] = { sessionId: job.session };
  const status: Record<string, unknown> = { state };
  if (state === 'DONE' && job.error) {
    status['errorResult'] = job.error;
    status['errors'] = [job.error];
  }
  return {
    kind: 'bigquery#job',
    id: `${job.project}:${job.location}.${job.jobId}`,
    jobReference: { projectId: job.project, jobId: job.jobId, location: job.location },
    configuration: { ...job.configuration, jobType: 'QUERY' },
    status,
    statistics,
    user_email: principal,
    principal_subject: `user:${principal}`,
  };
}
