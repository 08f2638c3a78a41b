/**
 * Runs one data test (generic or singular) as dbt's test materialization does: optionally
 * store the failing rows in the audit schema, then one query that reports the failure
 * count and whether it crosses warn_if / error_if; the test's severity decides the status.
 */
import type { TestNode } from '../parse/manifest-types.js';
import type { NodeOutcome } from '../run/scheduler.js';
import { executePlanOnPool, fetchOnPool } from '../run/node-executor.js';
import { planTable } from '../materialize/table.js';
import { planView } from '../materialize/view.js';
import { NodeClock, errorOutcome, planContext, type RunnerDeps } from './node-runner.js';
import { writeRunFile } from './run-file.js';
import { macroCaller } from './plan-node.js';
import { promotes } from '../errors/warn-error.js';

export type TestStatus = 'pass' | 'fail' | 'warn';

export interface TestVerdict {
  status: TestStatus;
  failures: number;
  message: string | null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * dbt's rule: severity error + should_error → fail; else should_warn → warn, or fail when
 * warnings are errors (--warn-error, or --warn-error-options naming LogTestResult), worded
 * with the warn_if threshold as dbt words it; else pass.
 */
export function testVerdict(config: Record<string, unknown>, failures: number, shouldWarn: boolean, shouldError: boolean, warnAsError = false): TestVerdict {
  const severity = String(config['severity'] ?? 'ERROR').toUpperCase();
  if (severity === 'ERROR' && shouldError) {
    return { status: 'fail', failures, message: `Got ${plural(failures, 'result')}, configured to fail if ${String(config['error_if'])}` };
  }
  if (shouldWarn) {
    const status = warnAsError ? 'fail' : 'warn';
    return { status, failures, message: `Got ${plural(failures, 'result')}, configured to ${status} if ${String(config['warn_if'])}` };
  }
  return { status: 'pass', failures: 0, message: null };
}

/** Whether this test keeps its failing rows (config, else --store-failures). */
export function storesFailures(node: TestNode, flag: boolean): false | 'table' | 'view' {
  const as = node.config['store_failures_as'];
  if (as === 'ephemeral') return false;
  if (as === 'table' || as === 'view') return as;
  const v = node.config['store_failures'];
  return (v === null || v === undefined ? flag : v === true) ? 'table' : false;
}

export async function runDataTest(d: RunnerDeps, node: TestNode, threadId: string, signal: AbortSignal): Promise<NodeOutcome> {
  const clock = new NodeClock(d.s);
  try {
    let mainSql = d.sqlOf(node.unique_id);
    const store = storesFailures(node, d.s.opts.storeFailures === true);
    let auditRelation: string | null = null;
    const runSql: string[] = [];
    if (store) {
      const ctx = planContext(d, node);
      const plan = store === 'view' ? planView(ctx, mainSql) : planTable(ctx, mainSql);
      runSql.push(...plan.statements.map((st) => `-- ${st.purpose}\n${st.sql.trim()};`));
      await executePlanOnPool(d.pool, plan, signal);
      auditRelation = ctx.relation.render();
      mainSql = `select * from ${auditRelation}`;
    }
    const c = node.config;
    const testSql = macroCaller(d.s, node, d.compiler)('get_test_sql', [mainSql, c['fail_calc'] ?? 'count(*)', c['warn_if'] ?? '!= 0', c['error_if'] ?? '!= 0', c['limit'] ?? null]);
    runSql.push(testSql.trim());
    writeRunFile(d.s, node, runSql.join('\n\n') + '\n');
    const result = await fetchOnPool(d.pool, testSql, signal);
    const row = result.rows[0] ?? [];
    const failures = Number(row[0] ?? 0);
    const warnAsError = promotes(d.s.opts.warnError === true, d.s.opts.warnErrorOptions, ['LogTestResult']);
    const verdict = testVerdict(c, Number.isFinite(failures) ? failures : 0, truthy(row[1]), truthy(row[2]), warnAsError);
    return {
      status: verdict.status,
      message: verdict.message ?? '',
      failures: verdict.failures,
      audit_relation: auditRelation,
      thread_id: threadId, timing: clock.timing(), execution_time: clock.seconds(), adapter_response: {},
    };
  } catch (e) {
    return errorOutcome(e, threadId, clock);
  }
}

function truthy(v: unknown): boolean {
  if (typeof v === 'string') return v === 'true' || v === 't' || v === '1';
  if (typeof v === 'bigint') return v !== 0n;
  return Boolean(v);
}
