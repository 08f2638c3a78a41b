import { describe, expect, it } from 'vitest';
import { onRunEndContext, type ResultNode } from '../../../src/api/run-hooks.js';
import type { RunResultInput } from '../../../src/artifacts/run-results.js';

const at = new Date('2024-01-02T03:04:05Z');
const result = (unique_id: string, status: string, thread_id = 'Thread-1 (worker)'): RunResultInput => ({
  unique_id, status, thread_id, timing: [{ name: 'execute', started_at: at, completed_at: at }], execution_time: 0.5,
  adapter_response: { rows_affected: 2 }, message: status === 'success' ? 'OK' : null, failures: null,
});

const nodes: Record<string, ResultNode> = {
  'operation.p.p-on-run-start-0': { unique_id: 'operation.p.p-on-run-start-0', resource_type: 'operation', database: 'db', schema: 'main' },
  'operation.p.p-on-run-start-1': { unique_id: 'operation.p.p-on-run-start-1', resource_type: 'operation', database: 'db', schema: 'main' },
  'model.p.a': { unique_id: 'model.p.a', resource_type: 'model', database: 'db', schema: 'main_marts' },
  'model.p.b': { unique_id: 'model.p.b', resource_type: 'model', database: 'db', schema: 'main_broken' },
  'seed.p.s': { unique_id: 'seed.p.s', resource_type: 'seed', database: 'db', schema: 'main' },
  'test.p.t': { unique_id: 'test.p.t', resource_type: 'test', database: 'db', schema: 'main_dbt_test__audit' },
};

describe('on-run-end context', () => {
  const ctx = onRunEndContext(
    [
      result('operation.p.p-on-run-start-0', 'success', 'main'),
      result('operation.p.p-on-run-start-1', 'error', 'main'),
      result('seed.p.s', 'success'),
      result('model.p.a', 'success'),
      result('model.p.b', 'error'),
      result('test.p.t', 'pass'),
    ],
    (id) => nodes[id],
  );

  it('lists results as dbt RunResults: nodes, errored on-run-start hooks, not passing ones', () => {
    const results = ctx['results'] as Record<string, unknown>[];
    expect(results.map((r) => (r['node'] as ResultNode).unique_id)).toEqual(['operation.p.p-on-run-start-1', 'seed.p.s', 'model.p.a', 'model.p.b', 'test.p.t']);
    const a = results[2]!;
    expect(a).toMatchObject({ status: 'success', message: 'OK', execution_time: 0.5, adapter_response: { rows_affected: 2 }, failures: null, thread_id: 'Thread-1 (worker)' });
    expect(String((a['timing'] as { started_at: unknown }[])[0]!.started_at)).toBe('2024-01-02 03:04:05');
  });

  it('names the schemas relations were built in, as schemas and (database, schema) pairs', () => {
    expect(ctx['schemas']).toEqual(['main', 'main_marts']);
    expect(ctx['database_schemas']).toEqual([['db', 'main'], ['db', 'main_marts']]);
  });
});
