/**
 * Executes a Plan on a Connection the caller holds (src/run, tests): `before` (hooks outside
 * the transaction), then the statements, inside one transaction when the plan asks, rolled
 * back on the first failure, then `after` (hooks after COMMIT).
 */
import type { Connection, QueryResult } from '../adapter/types.js';
import type { Plan, Statement } from '../materialize/types.js';
import { runLoadStep } from './csv-load.js';

const EMPTY: QueryResult = { columns: [], rows: [], rowsAffected: null, adapterResponse: {} };

async function runStatement(conn: Connection, s: Statement, signal?: AbortSignal): Promise<QueryResult> {
  if (s.load) return runLoadStep(conn, s.load, signal);
  const opts = signal ? { fetch: s.fetch === true, signal } : { fetch: s.fetch === true };
  if (!s.renderAtRun) return conn.execute(s.sql, opts);
  const sql = (await s.renderAtRun(conn, signal)).trim();
  return sql === '' ? EMPTY : conn.execute(sql, opts);
}

/** Results of `plan.statements`, index for index (`before` and `after` report nothing). */
export async function executePlan(conn: Connection, plan: Plan, signal?: AbortSignal): Promise<QueryResult[]> {
  const opts = signal ? { signal } : {};
  for (const s of plan.before ?? []) await runStatement(conn, s, signal);
  const results: QueryResult[] = [];
  if (plan.transactional) await conn.execute('begin transaction', opts);
  try {
    for (const s of plan.statements) results.push(await runStatement(conn, s, signal));
    if (plan.transactional) await conn.execute('commit', opts);
  } catch (e) {
    // Roll back without the signal: a cancelled run must still release its transaction.
    if (plan.transactional) await conn.execute('rollback').catch(() => undefined);
    throw e;
  }
  for (const s of plan.after ?? []) await runStatement(conn, s, signal);
  return results;
}
