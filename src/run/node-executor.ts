/**
 * Runs one node's planned statements on a pooled connection: inside one transaction when
 * the plan asks for it, so a failure rolls back and the previous relation stays.
 */
import type { Connection, ConnectionPool, QueryResult } from '../adapter/types.js';
import type { Plan } from '../materialize/types.js';
import { TxError, TxCodes } from '../errors/tx-error.js';
import { executePlan } from './apply-plan.js';

export interface ExecutedPlan {
  /** Rows the building statement reported (CREATE TABLE AS, INSERT), when the driver says. */
  rowsAffected: number | null;
  /** The driver's response to that statement (e.g. BigQuery's job id and bytes processed). */
  adapterResponse: Record<string, unknown>;
}

export async function executePlanOnPool(pool: ConnectionPool, plan: Plan, signal: AbortSignal): Promise<ExecutedPlan> {
  const conn = await pool.acquire();
  try {
    if (signal.aborted) throw new TxError({ code: TxCodes.Cancelled, message: 'cancelled before it started' });
    const results = await executePlan(conn, plan, signal);
    let rows: number | null = null;
    let response: Record<string, unknown> = {};
    plan.statements.forEach((st, i) => {
      const n = results[i]?.rowsAffected ?? null;
      // A bulk-load step counts too: on warehouses whose CREATE TABLE AS reports no rows it is the only count.
      if (!st.load && !/build|load|insert/i.test(st.purpose)) return;
      if (n !== null) rows = n;
      response = results[i]?.adapterResponse ?? response;
    });
    return { rowsAffected: rows, adapterResponse: response };
  } finally {
    pool.release(conn);
  }
}

/** Runs one read-only query on a pooled connection and returns its rows (tests, unit tests). */
export async function fetchOnPool(pool: ConnectionPool, sql: string, signal: AbortSignal): Promise<QueryResult> {
  const conn = await pool.acquire();
  try {
    if (signal.aborted) throw new TxError({ code: TxCodes.Cancelled, message: 'cancelled before it started' });
    return await conn.execute(sql, { fetch: true, signal });
  } finally {
    pool.release(conn);
  }
}

/** Lends one pooled connection to `fn` (unit tests read column types, describe and fetch). */
export async function withConnection<T>(pool: ConnectionPool, signal: AbortSignal, fn: (conn: Connection) => Promise<T>): Promise<T> {
  const conn = await pool.acquire();
  try {
    if (signal.aborted) throw new TxError({ code: TxCodes.Cancelled, message: 'cancelled before it started' });
    return await fn(conn);
  } finally {
    pool.release(conn);
  }
}
