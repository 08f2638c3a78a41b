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
  // The whole plan in one transaction, or (plan not transactional) each run of adjacent statements
  // marked `transaction` in one of its own.
  let open = plan.transactional;
  if (open) await conn.execute('begin transaction', opts);
  try {
    for (const [i, s] of plan.statements.entries()) {
      if (!plan.transactional && s.transaction && !open) {
        await conn.execute('begin transaction', opts);
        open = true;
      }
      results.push(await runStatement(conn, s, signal));
      if (!plan.transactional && open && !plan.statements[i + 1]?.transaction) {
        await conn.execute('commit', opts);
        open = false;
      }
    }
    if (open) await conn.execute('commit', opts);
  } catch (e) {
    // Roll back without the signal: a cancelled run must still release its transaction.
    if (open) await conn.execute('rollback').catch(() => undefined);
    for (const s of plan.cleanup ?? []) await conn.execute(s.sql).catch(() => undefined);
    throw e;
  }
  for (const s of plan.after ?? []) await runStatement(conn, s, signal);
  return results;
}
