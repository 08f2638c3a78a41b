import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createCliReporter } from '../../../src/cli/reporter.js';
import type { FreshnessResultEvent, TxEvent } from '../../../src/events/events.js';

function run(events: TxEvent[], format: 'text' | 'json' = 'text'): string {
  const chunks: string[] = [];
  const sink = () => new Writable({ write(c, _e, cb) { chunks.push(String(c)); cb(); } });
  const r = createCliReporter({ out: sink(), err: sink(), format, color: false, quiet: false, debug: false, cwd: '/p', clock: () => new Date('2024-01-02T13:14:15Z'), invocationId: 'inv' });
  for (const e of events) r.emit(e);
  return chunks.join('');
}

const result = (table: string, status: FreshnessResultEvent['status'], message: string | null = null): FreshnessResultEvent => ({
  node: { unique_id: `source.p.bronze.${table}`, resource_type: 'source', name: table, original_file_path: 'models/sources.yml', description: 'freshness of', display_name: `bronze.${table}` },
  source_name: 'bronze', table_name: table, status, execution_time: 0.0234, message, thread_id: 'Thread-1 (worker)',
});

describe('freshness lines', () => {
  const results = [result('events', 'pass'), result('users', 'warn'), result('orders', 'error'), result('gone', 'runtime error', 'Database Error in source gone (models/sources.yml)\n  no such table')];
  const events: TxEvent[] = [
    { type: 'node_start', index: 1, total: 4, node: results[0]!.node },
    ...results.map((r, i): TxEvent => ({ type: 'freshness_result', index: i + 1, total: 4, ...r })),
    { type: 'freshness_finished', results, elapsed: 0.5, cancelled: false },
  ];

  it("prints dbt's START / PASS / WARN / ERROR STALE / ERROR lines and the end of the run", () => {
    expect(run(events).split('\n')).toEqual([
      '13:14:15  1 of 4 START freshness of bronze.events ........................................ [RUN]',
      '13:14:15  1 of 4 PASS freshness of bronze.events ......................................... [PASS in 0.02s]',
      '13:14:15  2 of 4 WARN freshness of bronze.users .......................................... [WARN in 0.02s]',
      '13:14:15  3 of 4 ERROR STALE freshness of bronze.orders .................................. [ERROR STALE in 0.02s]',
      '13:14:15  4 of 4 ERROR freshness of bronze.gone .......................................... [ERROR in 0.02s]',
      '13:14:15  ',
      '13:14:15  Finished running 4 sources in 0 hours 0 minutes and 0.50 seconds (0.50s).',
      '13:14:15  ',
      '13:14:15    Database Error in source gone (models/sources.yml)',
      '  no such table',
      '13:14:15  Done.',
      '',
    ]);
  });

  it('logs LogFreshnessResult (Q018) at the level dbt gives each status', () => {
    const lines = run(events, 'json').trim().split('\n').map((l) => JSON.parse(l) as { info: { name: string; code: string; level: string }; data: Record<string, unknown> });
    const fr = lines.filter((l) => l.info.name === 'LogFreshnessResult');
    expect(fr.map((l) => [l.info.code, l.info.level, l.data['status']])).toEqual([
      ['Q018', 'info', 'pass'], ['Q018', 'warn', 'warn'], ['Q018', 'error', 'error'], ['Q018', 'error', 'runtime error'],
    ]);
    expect(lines[0]!.info).toMatchObject({ name: 'LogStartLine', code: 'Q011' });
    expect(lines[0]!.data['description']).toBe('freshness of bronze.events');
    expect(lines.at(-1)!.info).toMatchObject({ name: 'FreshnessCheckComplete', code: 'Q003' });
  });
});
