/**
 * Executes a Plan on a Connection the caller holds (src/run, tests): statements in order, inside
 * one transaction when the plan asks, rolled back on the first failure.
 */
import type { Connection, QueryResult } from '../adapter/types.js';
import type { Plan } from '../materialize/types.js';
import { runLoadStep } from './csv-load.js';

export async function executePlan(conn: Connection, plan: Plan, signal?: AbortSignal): Promise<QueryResult[]> {
  const results: QueryResult[] = [];
  const opts = (fetch?: boolean) => (signal ? { fetch: fetch === true, signal } : { fetch: fetch === true });
  // The whole plan in one transaction, or (plan not transactional) each run of adjacent statements
  // marked `transaction` in one of its own.
  let open = plan.transactional;
  if (open) await conn.execute('begin transaction', opts());
  try {
    for (const [i, s] of plan.statements.entries()) {
      if (!plan.transactional && s.transaction && !open) {
        await conn.execute('begin transaction', opts());
        open = true;
      }
      results.push(s.load ? await runLoadStep(conn, s.load, signal) : await conn.execute(s.sql, opts(s.fetch)));
      if (!plan.transactional && open && !plan.statements[i + 1]?.transaction) {
        await conn.execute('commit', opts());
        open = false;
      }
    }
    if (open) await conn.execute('commit', opts());
  } catch (e) {
    // Roll back without the signal: a cancelled run must still release its transaction.
    if (open) await conn.execute('rollback').catch(() => undefined);
    for (const s of plan.cleanup ?? []) await conn.execute(s.sql).catch(() => undefined);
    throw e;
  }
  return results;
}
