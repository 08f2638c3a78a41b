/**
 * A local stand-in for the BigQuery REST API (v2), on 127.0.0.1, for the real SDK
 * (@google-cloud/bigquery) to talk to through `apiEndpoint`. It serves the calls the SDK makes
 * for tx: jobs.insert / jobs.query / jobs.get / jobs.getQueryResults (paged) / jobs.cancel,
 * datasets and tables list / get / insert / delete, plus Google's token and IAM impersonation
 * endpoints. Every API call must carry valid credentials (see auth.ts). Queries run on DuckDB
 * after translation (translate.ts). Tests can inject HTTP failures and failing jobs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeAuth } from './auth.js';
import { FakeEngine } from './engine.js';
import { FakeSqlError } from './rewrite.js';
import { apiError, readBody, send } from './http.js';
import { datasets } from './server-metadata.js';
import { jobParams, jobResource, startJob, visibleState, type FakeJob, type JobFailure, type QueryConfig } from './jobs.js';

export interface RequestFailure {
  method?: string;
  path: RegExp;
  status: number;
  reason: string;
  message?: string;
  times: number;
  /** Drop the connection instead of answering (a transport error). */
  drop?: boolean;
  /** Handle the request, then drop the connection instead of answering (a lost response). */
  dropResponse?: boolean;
}

export interface FakeOptions {
  projects: string[];
  /** jobs.get calls that see a job RUNNING before it may be DONE (default 1). */
  minPolls?: number;
}

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  body: Record<string, unknown>;
  principal: string;
}

export class FakeBigQuery {
  readonly auth = new FakeAuth();
  readonly requests: { method: string; path: string; query: string }[] = [];
  readonly failures: RequestFailure[] = [];
  readonly jobFailures: JobFailure[] = [];
  /** Projects whose jobs are refused (403 accessDenied). */
  readonly denied = new Set<string>();
  readonly impersonated: string[] = [];
  private readonly jobs = new Map<string, FakeJob>();
  private server: Server | null = null;
  url = '';

  private constructor(readonly engine: FakeEngine, private readonly minPolls: number) {}

  static async start(opts: FakeOptions): Promise<FakeBigQuery> {
    const fake = new FakeBigQuery(await FakeEngine.create(opts.projects), opts.minPolls ?? 1);
    const server = createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
    fake.server = server;
    fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((j) => j.done));
    await new Promise<void>((res) => (this.server ? this.server.close(() => res()) : res()));
    this.server?.closeAllConnections?.();
    this.engine.close();
  }

  get tokenUri(): string {
    return `${this.url}/token`;
  }

  /** Requests whose path matches, e.g. count jobs.get polls or result pages. */
  count(method: string, path: RegExp): number {
    return this.requests.filter((r) => r.method === method && path.test(r.path)).length;
  }

  job(jobId: string): FakeJob | undefined {
    return this.jobs.get(jobId);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    this.requests.push({ method, path: url.pathname, query: url.search });
    try {
      const failure = this.failures.find((f) => f.times > 0 && (!f.method || f.method === method) && f.path.test(url.pathname));
      if (failure) {
        failure.times--;
        if (failure.drop) {
          req.socket.destroy();
          return;
        }
        if (failure.dropResponse) {
          res.writeHead = (() => res) as unknown as typeof res.writeHead;
          res.end = (() => {
            req.socket.destroy();
            return res;
          }) as unknown as typeof res.end;
        }
      }
      if (failure && !failure.dropResponse) {
        apiError(res, failure.status, failure.reason, failure.message ?? `injected ${failure.reason}`);
        return;
      }
      const raw = await readBody(req);
      if (url.pathname === '/token' && method === 'POST') {
        const out = this.auth.exchange(new URLSearchParams(raw));
        send(res, out.status, out.body);
        return;
      }
      const who = this.auth.check(req.headers.authorization);
      if (!who.ok) {
        apiError(res, 401, 'authError', `Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential (${who.why}).`);
        return;
      }
      const body = raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
      const ctx: Ctx = { req, res, url, body, principal: who.principal };
      const imp = /^\/v1\/projects\/-\/serviceAccounts\/([^/:]+):generateAccessToken$/.exec(url.pathname);
      if (imp && method === 'POST') {
        const sa = decodeURIComponent(imp[1]!);
        this.impersonated.push(sa);
        send(res, 200, { accessToken: this.auth.issue(sa), expireTime: new Date(Date.now() + 3600_000).toISOString() });
        return;
      }
      const m = /^\/bigquery\/v2\/projects\/([^/]+)(\/.*)?$/.exec(url.pathname);
      if (!m) {
        apiError(res, 404, 'notFound', `Not found: ${url.pathname}`);
        return;
      }
      await this.route(ctx, method, decodeURIComponent(m[1]!), (m[2] ?? '').split('/').filter(Boolean).map(decodeURIComponent));
    } catch (e) {
      if (e instanceof FakeSqlError) apiError(res, e.reason === 'notFound' ? 404 : 400, e.reason, e.message);
      else apiError(res, 500, 'internalError', e instanceof Error ? e.message : String(e));
    }
  }

  private async route(c: Ctx, method: string, project: string, p: string[]): Promise<void> {
    if (!this.engine.projects.has(project)) return apiError(c.res, 404, 'notFound', `Not found: Project ${project}`);
    const [a, b, d, e] = p;
    if (a === 'jobs' && method === 'POST' && b === undefined) return this.insertJob(c, project);
    if (a === 'jobs' && b && d === undefined && method === 'GET') return this.getJob(c, b);
    if (a === 'jobs' && b && d === 'cancel' && method === 'POST') return this.cancelJob(c, b);
    if (a === 'queries' && b && method === 'GET') return this.queryResults(c, b);
    if (a === 'queries' && !b && method === 'POST') return this.syncQuery(c, project);
    if (a === 'datasets') return datasets({ res: c.res, url: c.url, body: c.body }, this.engine, method, project, b, d, e);
    apiError(c.res, 404, 'notFound', `Not found: ${c.url.pathname}`);
  }

  private newJob(c: Ctx, project: string, jobId: string, location: string, configuration: FakeJob['configuration']): FakeJob | null {
    const q: QueryConfig = configuration.query ?? {};
    if (this.denied.has(project)) {
      apiError(c.res, 403, 'accessDenied', `Access Denied: Project ${project}: User does not have bigquery.jobs.create permission in project ${project}.`);
      return null;
    }
    if (q.useLegacySql !== false) {
      apiError(c.res, 400, 'invalidQuery', 'the fake only runs GoogleSQL (useLegacySql: false)');
      return null;
    }
    const sessionId = q.connectionProperties?.find((x) => x.key === 'session_id')?.value ?? null;
    if (sessionId !== null && !this.engine.hasSession(sessionId)) {
      apiError(c.res, 400, 'invalid', `Session ${sessionId} has expired or was aborted`);
      return null;
    }
    const job = startJob(
      { engine: this.engine, jobFailures: this.jobFailures, minPolls: this.minPolls },
      { jobId, project, location, configuration, session: sessionId },
      q.query ?? '',
    );
    this.jobs.set(jobId, job);
    return job;
  }

  private async insertJob(c: Ctx, project: string): Promise<void> {
    const ref = (c.body['jobReference'] ?? {}) as { jobId?: string; location?: string };
    const configuration = (c.body['configuration'] ?? {}) as FakeJob['configuration'];
    const jobId = ref.jobId ?? `job_${this.jobs.size + 1}`;
    const location = ref.location ?? 'US';
    if (this.jobs.has(jobId)) return apiError(c.res, 409, 'duplicate', `Already Exists: Job ${project}:${location}.${jobId}`);
    if (this.denied.has(project)) {
      return apiError(c.res, 403, 'accessDenied', `Access Denied: Project ${project}: User does not have bigquery.jobs.create permission in project ${project}.`);
    }
    if (configuration.dryRun) {
      const q = configuration.query ?? {};
      const sessionId = q.connectionProperties?.find((x) => x.key === 'session_id')?.value ?? null;
      const result = await this.engine.run({ sql: q.query ?? '', project, session: sessionId, params: jobParams(q), dryRun: true, location });
      return send(c.res, 200, {
        kind: 'bigquery#job',
        jobReference: { projectId: project, location },
        configuration: { ...configuration, jobType: 'QUERY' },
        status: { state: 'DONE' },
        statistics: { totalBytesProcessed: '0', query: { totalBytesProcessed: '0', statementType: result.statementType, schema: { fields: result.fields } } },
      });
    }
    const job = this.newJob(c, project, jobId, location, configuration);
    if (job) send(c.res, 200, jobResource(job, this.minPolls, c.principal));
  }

  private getJob(c: Ctx, jobId: string): void {
    const job = this.jobs.get(jobId);
    if (!job) return apiError(c.res, 404, 'notFound', `Not found: Job ${jobId}`);
    job.polls++;
    send(c.res, 200, jobResource(job, this.minPolls, c.principal));
  }

  private cancelJob(c: Ctx, jobId: string): void {
    const job = this.jobs.get(jobId);
    if (!job) return apiError(c.res, 404, 'notFound', `Not found: Job ${jobId}`);
    job.cancel();
    send(c.res, 200, { kind: 'bigquery#jobCancelResponse', job: jobResource(job, 0, c.principal) });
  }

  /** jobs.getQueryResults: one page of rows (maxResults, pageToken = the next row index). */
  private queryResults(c: Ctx, jobId: string): void {
    const job = this.jobs.get(jobId);
    if (!job) return apiError(c.res, 404, 'notFound', `Not found: Job ${jobId}`);
    const ref = { projectId: job.project, jobId, location: job.location };
    if (visibleState(job, this.minPolls) !== 'DONE') return send(c.res, 200, { kind: 'bigquery#getQueryResultsResponse', jobReference: ref, jobComplete: false });
    if (job.error) return apiError(c.res, job.error.reason === 'notFound' ? 404 : 400, job.error.reason, job.error.message);
    const r = job.result!;
    const start = Number(c.url.searchParams.get('pageToken') ?? c.url.searchParams.get('startIndex') ?? 0);
    const max = Number(c.url.searchParams.get('maxResults') ?? 100_000);
    const rows = r.rows.slice(start, start + max);
    const next = start + max < r.rows.length ? String(start + max) : undefined;
    send(c.res, 200, {
      kind: 'bigquery#getQueryResultsResponse',
      jobReference: ref,
      jobComplete: true,
      schema: { fields: r.fields },
      rows,
      totalRows: String(r.rows.length),
      ...(next ? { pageToken: next } : {}),
      totalBytesProcessed: String(r.bytes),
      cacheHit: false,
      ...(r.numDmlAffectedRows !== null ? { numDmlAffectedRows: String(r.numDmlAffectedRows) } : {}),
    });
  }

  /** jobs.query: runs the query as a job and answers with its first page once done. */
  private async syncQuery(c: Ctx, project: string): Promise<void> {
    const b = c.body as QueryConfig & { location?: string; maxResults?: number; requestId?: string; dryRun?: boolean };
    const jobId = `job_q${this.jobs.size + 1}`;
    const job = this.newJob(c, project, jobId, b.location ?? 'US', { query: { ...b }, dryRun: b.dryRun });
    if (!job) return;
    await job.done;
    job.polls = Math.max(job.polls, this.minPolls);
    if (job.error) return apiError(c.res, 400, job.error.reason, job.error.message);
    const r = job.result!;
    const max = b.maxResults ?? 100_000;
    send(c.res, 200, {
      kind: 'bigquery#queryResponse',
      jobReference: { projectId: project, jobId, location: job.location },
      jobComplete: true,
      schema: { fields: r.fields },
      rows: r.rows.slice(0, max),
      totalRows: String(r.rows.length),
      ...(r.rows.length > max ? { pageToken: String(max) } : {}),
      totalBytesProcessed: String(r.bytes),
      ...(job.session ? { sessionInfo: { sessionId: job.session } } : {}),
    });
  }
}
