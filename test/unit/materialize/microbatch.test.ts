import { describe, expect, it } from 'vitest';
import { duckdbDialect } from '../../../adapters/duckdb/dialect.js';
import { Relation } from '../../../src/adapter/relation.js';
import type { NodeConfig } from '../../../src/parse/manifest-types.js';
import {
  batchId, buildBatches, ceilingTimestamp, formatBatchStart, isoUtc, microbatchSettings, offsetTimestamp, parseEventTime,
  pyUtcString, truncateTimestamp, type BatchPlanInput,
} from '../../../src/materialize/microbatch-batches.js';
import { postgresDialect } from '../../../adapters/postgres/dialect.js';
import { snowflakeDialect } from '../../../adapters/snowflake/dialect.js';
import { bigqueryDialect } from '../../../adapters/bigquery/dialect.js';
import { batchRelation, EventTimeRelation } from '../../../src/materialize/microbatch-relation.js';

const d = (s: string): Date => new Date(`${s.replace(' ', 'T')}Z`);
const iso = (x: Date): string => x.toISOString().slice(0, 19).replace('T', ' ');
const loc = { file: '/p/models/m.sql', line: 0, col: 0 };

describe('microbatch time arithmetic (dbt MicrobatchBuilder docstrings)', () => {
  const t = d('2024-09-17 16:06:00');
  it('truncates', () => {
    expect(['hour', 'day', 'month', 'year'].map((s) => iso(truncateTimestamp(t, s as 'day')))).toEqual([
      '2024-09-17 16:00:00', '2024-09-17 00:00:00', '2024-09-01 00:00:00', '2024-01-01 00:00:00',
    ]);
  });
  it('offsets from the truncated time', () => {
    expect(iso(offsetTimestamp(t, 'hour', -1))).toBe('2024-09-17 15:00:00');
    expect(iso(offsetTimestamp(t, 'day', 1))).toBe('2024-09-18 00:00:00');
    expect(iso(offsetTimestamp(t, 'month', -1))).toBe('2024-08-01 00:00:00');
    expect(iso(offsetTimestamp(t, 'month', 4))).toBe('2025-01-01 00:00:00');
    expect(iso(offsetTimestamp(t, 'year', -1))).toBe('2023-01-01 00:00:00');
    expect(iso(offsetTimestamp(d('2024-09-17 23:59:59'), 'day', 1))).toBe('2024-09-18 00:00:00');
  });
  it('ceils, keeping a time already on the boundary', () => {
    expect(iso(ceilingTimestamp(t, 'hour'))).toBe('2024-09-17 17:00:00');
    expect(iso(ceilingTimestamp(d('2024-09-17 16:00:00'), 'hour'))).toBe('2024-09-17 16:00:00');
    expect(iso(ceilingTimestamp(t, 'month'))).toBe('2024-10-01 00:00:00');
    expect(iso(ceilingTimestamp(d('2024-01-01 00:00:00'), 'year'))).toBe('2024-01-01 00:00:00');
  });
  it('formats batch starts and ids', () => {
    expect(['hour', 'day', 'month', 'year'].map((s) => formatBatchStart(t, s as 'day'))).toEqual(['2024-09-17T16', '2024-09-17', '2024-09', '2024']);
    expect(batchId(t, 'day')).toBe('20240917');
    expect(pyUtcString(t)).toBe('2024-09-17 16:06:00+00:00');
    expect(isoUtc(t)).toBe('2024-09-17T16:06:00+00:00');
  });
  it('parses begin and --event-time-* values as UTC', () => {
    expect(iso(parseEventTime('2024-01-02')!)).toBe('2024-01-02 00:00:00');
    expect(iso(parseEventTime('2024-01-02 03:04:05')!)).toBe('2024-01-02 03:04:05');
    expect(iso(parseEventTime('2024-01-02T03:04')!)).toBe('2024-01-02 03:04:00');
    expect(iso(parseEventTime('2024-01-02T03:00:00+02:00')!)).toBe('2024-01-02 01:00:00');
    expect(iso(parseEventTime({ isoformat: () => '2024-05-06T00:00:00' })!)).toBe('2024-05-06 00:00:00');
    expect(parseEventTime('yesterday')).toBeUndefined();
    expect(parseEventTime(null)).toBeUndefined();
  });
});

describe('microbatch batches', () => {
  const base: BatchPlanInput = { batchSize: 'day', begin: d('2024-01-01 00:00:00'), lookback: 1, isIncremental: false, now: d('2024-01-04 13:00:00'), model: 'm', loc };
  const spans = (input: BatchPlanInput) => buildBatches(input).map((b) => `${iso(b.start)} → ${iso(b.end)}`);

  it('first run: from begin up to now, the last batch ending at now rounded up', () => {
    expect(spans(base)).toEqual([
      '2024-01-01 00:00:00 → 2024-01-02 00:00:00',
      '2024-01-02 00:00:00 → 2024-01-03 00:00:00',
      '2024-01-03 00:00:00 → 2024-01-04 00:00:00',
      '2024-01-04 00:00:00 → 2024-01-05 00:00:00',
    ]);
  });
  it('incremental run: the current batch plus `lookback` before it', () => {
    expect(spans({ ...base, isIncremental: true })).toEqual(['2024-01-03 00:00:00 → 2024-01-04 00:00:00', '2024-01-04 00:00:00 → 2024-01-05 00:00:00']);
    expect(spans({ ...base, isIncremental: true, lookback: 0 })).toEqual(['2024-01-04 00:00:00 → 2024-01-05 00:00:00']);
  });
  it('--event-time-start/--event-time-end override both ends', () => {
    expect(spans({ ...base, isIncremental: true, eventTimeStart: d('2024-01-02 05:00:00'), eventTimeEnd: d('2024-01-03 12:00:00') })).toEqual([
      '2024-01-02 00:00:00 → 2024-01-03 00:00:00',
      '2024-01-03 00:00:00 → 2024-01-04 00:00:00',
    ]);
  });
  it('a first run without begin is an error', () => {
    expect(() => buildBatches({ ...base, begin: null })).toThrow("Microbatch model 'm' requires a 'begin' configuration.");
  });
  it('hourly and monthly batches', () => {
    expect(spans({ ...base, batchSize: 'hour', begin: d('2024-01-04 11:30:00') })).toEqual([
      '2024-01-04 11:00:00 → 2024-01-04 12:00:00',
      '2024-01-04 12:00:00 → 2024-01-04 13:00:00',
    ]);
    expect(spans({ ...base, batchSize: 'month', begin: d('2023-11-15 00:00:00') })).toEqual([
      '2023-11-01 00:00:00 → 2023-12-01 00:00:00',
      '2023-12-01 00:00:00 → 2024-01-01 00:00:00',
      '2024-01-01 00:00:00 → 2024-02-01 00:00:00',
    ]);
  });
});

describe('microbatch settings', () => {
  const settings = (c: Record<string, unknown>) => microbatchSettings({ materialized: 'incremental', ...c } as unknown as NodeConfig, 'm', loc);
  it('reads event_time, batch_size, begin and lookback', () => {
    const s = settings({ event_time: 'ts', batch_size: 'day', begin: '2024-01-01' });
    expect([s.eventTime, s.batchSize, iso(s.begin!), s.lookback]).toEqual(['ts', 'day', '2024-01-01 00:00:00', 1]);
  });
  it('reports a missing event_time, a bad batch_size, begin or lookback', () => {
    expect(() => settings({ batch_size: 'day' })).toThrow("must provide an 'event_time'");
    expect(() => settings({ event_time: 'ts', batch_size: 'week' })).toThrow("'batch_size' config that is one of [hour, day, month, year]");
    expect(() => settings({ event_time: 'ts', batch_size: 'day', begin: 'soon' })).toThrow("'begin' config that is not a datetime");
    expect(() => settings({ event_time: 'ts', batch_size: 'day', lookback: -1 })).toThrow("'lookback'");
  });
});

describe('event-time filtered relations', () => {
  const rel = Relation.create(duckdbDialect, { database: 'db', schema: 'main', identifier: 'events' }, 'table');
  const batch = { start: d('2024-01-02 00:00:00'), end: d('2024-01-03 00:00:00') };
  it('render as the upstream filtered to the batch, while render() stays the plain name', () => {
    const f = batchRelation(duckdbDialect, batch, { event_time: 'ts' }, rel);
    expect(f).toBeInstanceOf(EventTimeRelation);
    expect(`${f}`).toBe(`(select * from "db"."main"."events" where ts >= '2024-01-02 00:00:00+00:00' and ts < '2024-01-03 00:00:00+00:00') _dbt_et_filter_subq_events`);
    expect(f.render()).toBe('"db"."main"."events"');
    expect(f.identifier).toBe('events');
  });
  it("carry dbt's subquery alias where the dialect requires one (Postgres, DuckDB), not on Snowflake or BigQuery", () => {
    const pg = Relation.create(postgresDialect, { database: 'db', schema: 'main', identifier: 'events' }, 'table');
    expect(`${batchRelation(postgresDialect, batch, { event_time: 'ts' }, pg)}`).toMatch(/^\(select \* from "db"\."main"\."events" where .*\) _dbt_et_filter_subq_events$/);
    const sf = Relation.create(snowflakeDialect, { database: 'db', schema: 'main', identifier: 'events' }, 'table');
    expect(`${batchRelation(snowflakeDialect, batch, { event_time: 'ts' }, sf)}`).toMatch(/^\(select \* from db\.main\.events where .*'\)$/);
    const bq = Relation.create(bigqueryDialect, { database: 'p', schema: 'main', identifier: 'events' }, 'table');
    expect(`${batchRelation(bigqueryDialect, batch, { event_time: 'ts' }, bq)}`).toMatch(/'\)$/);
  });
  it('leave upstreams without event_time alone', () => {
    expect(batchRelation(duckdbDialect, batch, {}, rel)).toBe(rel);
  });
});
