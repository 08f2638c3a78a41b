import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSourcesJson, isoformatUtc, isoMicros, readLoadedAt } from '../../../src/artifacts/sources-json.js';

const at = (iso: string) => new Date(iso);
const criteria = { warn_after: { count: 1, period: 'hour' as const }, error_after: { count: null, period: null }, filter: null };

describe('sources.json (v3)', () => {
  it("writes dbt's metadata, result fields in dbt's order, and runtime errors as unique_id/error/status", () => {
    const json = buildSourcesJson({
      invocationId: 'inv', generatedAt: at('2024-05-01T10:00:01.5Z'), invocationStartedAt: at('2024-05-01T10:00:00Z'), elapsedSeconds: 1.25,
      results: [
        {
          unique_id: 'source.p.s.t', status: 'warn', max_loaded_at: at('2024-05-01T08:00:00Z'), snapshotted_at: at('2024-05-01T10:00:00.123Z'),
          age: 7200.123, criteria, adapter_response: { _message: 'SELECT 1', rows_affected: 1 },
          timing: [{ name: 'compile', started_at: at('2024-05-01T10:00:00Z'), completed_at: at('2024-05-01T10:00:00Z') }],
          thread_id: 'Thread-1 (worker)', execution_time: 0.2,
        },
        { unique_id: 'source.p.s.u', status: 'runtime error', error: 'Database Error in source u (models/s.yml)\n  boom' },
      ],
    });
    expect(json).toEqual({
      metadata: {
        dbt_schema_version: 'https://schemas.getdbt.com/dbt/sources/v3.json', dbt_version: expect.any(String),
        generated_at: '2024-05-01T10:00:01.500000Z', invocation_id: 'inv', invocation_started_at: '2024-05-01T10:00:00.000000Z', env: {},
      },
      results: [
        {
          unique_id: 'source.p.s.t', max_loaded_at: '2024-05-01T08:00:00+00:00', snapshotted_at: '2024-05-01T10:00:00.123000+00:00',
          max_loaded_at_time_ago_in_s: 7200.123, status: 'warn',
          criteria: { warn_after: { count: 1, period: 'hour' }, error_after: { count: null, period: null }, filter: null },
          adapter_response: { _message: 'SELECT 1', rows_affected: 1 },
          timing: [{ name: 'compile', started_at: '2024-05-01T10:00:00.000000Z', completed_at: '2024-05-01T10:00:00.000000Z' }],
          thread_id: 'Thread-1 (worker)', execution_time: 0.2,
        },
        { unique_id: 'source.p.s.u', error: 'Database Error in source u (models/s.yml)\n  boom', status: 'runtime error' },
      ],
      elapsed_time: 1.25,
    });
    const keys = Object.keys((json as { results: object[] }).results[0]!);
    expect(keys).toEqual(['unique_id', 'max_loaded_at', 'snapshotted_at', 'max_loaded_at_time_ago_in_s', 'status', 'criteria', 'adapter_response', 'timing', 'thread_id', 'execution_time']);
  });

  it("formats timestamps as Python's isoformat of an aware UTC datetime", () => {
    const dawn = new Date(Date.UTC(2000, 0, 1));
    dawn.setUTCFullYear(1);
    expect(isoformatUtc(dawn)).toBe('0001-01-01T00:00:00+00:00');
    expect(isoformatUtc(at('2024-02-29T23:59:59.007Z'))).toBe('2024-02-29T23:59:59.007000+00:00');
  });

  it('reads timestamps back to microseconds (naive = UTC, offsets applied)', () => {
    expect(isoMicros('2024-05-01T10:00:00+00:00')).toBe(BigInt(Date.UTC(2024, 4, 1, 10)) * 1000n);
    expect(isoMicros('2024-05-01T10:00:00.000001')).toBe(BigInt(Date.UTC(2024, 4, 1, 10)) * 1000n + 1n);
    expect(isoMicros('2024-05-01 12:00:00+02:00')).toBe(isoMicros('2024-05-01T10:00:00Z'));
    expect(isoMicros('0001-01-01T00:00:00+00:00')! < isoMicros('1970-01-01T00:00:00Z')!).toBe(true);
    expect(isoMicros('yesterday')).toBeUndefined();
  });

  it('readLoadedAt keeps sources with a max_loaded_at (dbt or tx files) and skips runtime errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tx-sources-'));
    const path = join(dir, 'sources.json');
    writeFileSync(path, JSON.stringify({ results: [
      { unique_id: 'source.p.s.a', max_loaded_at: '2024-05-01T10:00:00.123456+00:00', status: 'pass' },
      { unique_id: 'source.p.s.b', error: 'x', status: 'runtime error' },
    ] }));
    expect(readLoadedAt(path)).toEqual(new Map([['source.p.s.a', BigInt(Date.UTC(2024, 4, 1, 10)) * 1000n + 123456n]]));
    writeFileSync(path, '{"nodes": {}}');
    expect(() => readLoadedAt(path)).toThrow(/is not a dbt sources\.json/);
  });
});
