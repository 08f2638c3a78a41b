import { describe, expect, it } from 'vitest';
import { buildRunReport } from '../../../src/docs/run-report-data.js';

describe('buildRunReport', () => {
  const raw = {
    metadata: { invocation_id: 'inv-1', generated_at: '2026-01-01T00:00:10.000000Z' },
    elapsed_time: 3.5,
    args: { which: 'build' },
    results: [
      {
        unique_id: 'model.p.a', status: 'success', thread_id: 'Thread-1', execution_time: 1.2,
        adapter_response: { rows_affected: 42 }, message: 'OK', failures: null,
        timing: [
          { name: 'compile', started_at: '2026-01-01T00:00:00.500000Z', completed_at: '2026-01-01T00:00:00.600000Z' },
          { name: 'execute', started_at: '2026-01-01T00:00:00.600000Z', completed_at: '2026-01-01T00:00:01.800000Z' },
        ],
      },
      { unique_id: 'test.p.t', status: 'fail', thread_id: 'Thread-2', execution_time: 0.25, adapter_response: {}, message: 'Got 3 results', failures: 3,
        timing: [{ name: 'execute', started_at: '2026-01-01T00:00:01.000000Z', completed_at: '2026-01-01T00:00:01.250000Z' }] },
      { unique_id: 'model.p.gone', status: 'skipped', thread_id: 'Thread-1', execution_time: 0, timing: [], message: null },
    ],
  };

  it('places every result on its thread, relative to the first start', () => {
    const r = buildRunReport(raw, new Map([['model.p.a', 0], ['test.p.t', 1]]))!;
    expect(r).toMatchObject({ invocationId: 'inv-1', command: 'build', elapsed: 3.5 });
    expect(r.items).toEqual([
      { node: 0, id: 'model.p.a', status: 'success', thread: 'Thread-1', start: 0, dur: 1300, rows: 42, failures: null, msg: 'OK' },
      { node: 1, id: 'test.p.t', status: 'fail', thread: 'Thread-2', start: 500, dur: 250, rows: null, failures: 3, msg: 'Got 3 results' },
      { node: -1, id: 'model.p.gone', status: 'skipped', thread: 'Thread-1', start: null, dur: 0, rows: null, failures: null, msg: null },
    ]);
  });

  it('gives null for anything that is not run results', () => {
    expect(buildRunReport(null, new Map())).toBeNull();
    expect(buildRunReport({ results: 'x' }, new Map())).toBeNull();
    expect(buildRunReport({ results: [] }, new Map())).toMatchObject({ items: [], command: null });
  });
});
