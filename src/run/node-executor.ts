/**
 * Runs one node's planned statements on a pooled connection: inside one transaction when
 * the plan asks for it, so a failure rolls back and the previous relation stays.
 */
import type { ConnectionPool, QueryResult } from '../adapter/types.js';
import type { Plan } from '../materialize/types.js';
import { TxError, TxCodes } from '../errors/tx-error.js';

export interface ExecutedPlan {
  last: QueryResult | undefined;
  rowsAffected: number | null;
}

export async function executePlan(pool: ConnectionPool, plan: Plan, signal: AbortSignal): Promise<ExecutedPlan> {
  const conn = await pool.acquire();
  let inTransaction = false;
  try {
    if (signal.aborted) throw new TxError({ code: TxCodes.Cancelled, message: 'cancelled before it started' });
    if (plan.transactional) {
      await conn.execute('begin transaction');
      inTransaction = true;
    }
    let last: QueryResult | undefined;
    let rows: number | null = null;
    for (const st of plan.statements) {
      last = await conn.execute(st.sql, { signal, fetch: st.fetch === true });
      if (last.rowsAffected !== null && /build|load|insert/i.test(st.purpose)) rows = last.rowsAffected;
    }
    if (inTransaction) {
      await conn.execute('commit');
      inTransaction = false;
    }
    return { last, rowsAffected: rows };
  } catch (e) {
    if (inTransaction) await conn.execute('rollback').catch(() => undefined);
    throw e;
  } finally {
    pool.release(conn);
  }
}
