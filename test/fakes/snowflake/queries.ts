/**
 * Queries the fake is running or has run: each starts at once, and is answered inline when it
 * finishes within inlineWaitMs, else with "still running" (333334) and a result URL the SDK
 * polls. Large results are cut into an inline rowset and chunks served from /chunks/.
 */
import { randomUUID } from 'node:crypto';
import { SfError, cancelled as cancelledError } from './errors.js';
import type { FakeSession, StatementResult } from './session.js';

export interface QueryRecord {
  id: string;
  requestId: string;
  sql: string;
  binds: unknown[];
  session: FakeSession;
  /** The session's settings when the query ran (tests read them). */
  queryTag: string | null;
  warehouse: string | null;
  role: string;
  describeOnly: boolean;
  status: 'running' | 'success' | 'failed' | 'cancelled';
  result?: StatementResult;
  error?: SfError;
  chunks: string[];
  done: Promise<void>;
  cancelRequested: boolean;
}

export interface ChunkingOptions {
  rowsetLimit: number;
  chunkRows: number;
}

export class QueryRegistry {
  readonly all: QueryRecord[] = [];
  private readonly byId = new Map<string, QueryRecord>();

  start(session: FakeSession, input: { requestId: string; sql: string; binds: unknown[]; describeOnly: boolean }): QueryRecord {
    const rec: QueryRecord = {
      id: `01fake${randomUUID().replace(/-/g, '').slice(0, 24)}`,
      ...input,
      session,
      queryTag: session.queryTag,
      warehouse: session.warehouse,
      role: session.role,
      status: 'running',
      chunks: [],
      done: Promise.resolve(),
      cancelRequested: false,
    };
    rec.done = session
      .run({ sql: input.sql, binds: input.binds as never[], describeOnly: input.describeOnly, isCancelled: () => rec.cancelRequested })
      .then(
        (r) => {
          rec.result = r;
          rec.status = rec.cancelRequested ? 'cancelled' : 'success';
          if (rec.cancelRequested) rec.error = cancelledError();
        },
        (e: unknown) => {
          rec.error = e instanceof SfError ? e : new SfError('000603', 'XX000', String(e));
          rec.status = rec.error.code === '000604' ? 'cancelled' : 'failed';
        },
      );
    this.all.push(rec);
    this.byId.set(rec.id, rec);
    return rec;
  }

  get(id: string): QueryRecord | undefined {
    return this.byId.get(id);
  }

  byRequestId(requestId: string): QueryRecord | undefined {
    return this.all.find((q) => q.requestId === requestId);
  }

  cancel(rec: QueryRecord | undefined): boolean {
    if (!rec || rec.status !== 'running') return false;
    rec.cancelRequested = true;
    rec.session.interrupt();
    return true;
  }

  /** Waits up to ms for the query; true when it is finished. */
  async settle(rec: QueryRecord, ms: number): Promise<boolean> {
    if (rec.status !== 'running') return true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([rec.done, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
    return rec.status !== 'running';
  }

  /** The JSON body answering a query-request or a result poll. */
  body(rec: QueryRecord, base: string, opts: ChunkingOptions): Record<string, unknown> {
    if (rec.status === 'running') {
      return { success: true, code: '333334', message: 'Asynchronous execution in progress. Use provided query id to perform query monitoring and management.', data: { queryId: rec.id, getResultUrl: `/queries/${rec.id}/result` } };
    }
    if (rec.error || !rec.result) {
      const e = rec.error ?? new SfError('000603', 'XX000', 'no result');
      return { success: false, code: e.code, message: e.message, data: { queryId: rec.id, sqlState: e.sqlState, errorCode: e.code, internalError: false, age: 0 } };
    }
    const r = rec.result;
    const inline = r.rowset.slice(0, opts.rowsetLimit);
    const rest = r.rowset.slice(opts.rowsetLimit);
    rec.chunks = [];
    for (let i = 0; i < rest.length; i += opts.chunkRows) rec.chunks.push(rest.slice(i, i + opts.chunkRows).map((row) => JSON.stringify(row)).join(','));
    const s = rec.session;
    return {
      success: true,
      code: null,
      message: null,
      data: {
        parameters: Object.entries(s.parameters).map(([name, value]) => ({ name, value })),
        rowtype: r.rowtype,
        rowset: inline,
        total: r.rowset.length,
        returned: r.rowset.length,
        queryId: rec.id,
        finalDatabaseName: s.database,
        finalSchemaName: s.schema,
        finalWarehouseName: s.warehouse,
        finalRoleName: s.role,
        numberOfBinds: rec.binds.length,
        statementTypeId: r.statementTypeId,
        version: 1,
        queryResultFormat: 'json',
        ...(rec.chunks.length > 0
          ? {
              qrmk: 'fake-qrmk',
              chunks: rec.chunks.map((c, i) => ({ url: `${base}/chunks/${rec.id}/${i}`, rowCount: Math.min(opts.chunkRows, rest.length - i * opts.chunkRows), uncompressedSize: c.length + 2, compressedSize: c.length + 2 })),
            }
          : {}),
      },
    };
  }
}
