/**
 * What the freshness fixture must give on every warehouse: the same status per source table as on
 * DuckDB, the events table ten minutes old (give or take the run), and a non-zero exit.
 */
import { expect } from 'vitest';
import { join } from 'node:path';
import { readJson } from './harness.js';

export interface FreshnessResultRow {
  unique_id: string;
  status: string;
  max_loaded_at?: string;
  max_loaded_at_time_ago_in_s?: number;
  adapter_response?: Record<string, unknown>;
}

/** Asserts sources.json's statuses and the events table's age; returns the events row for more checks. */
export function expectFixtureFreshness(dir: string): FreshnessResultRow {
  const json = readJson(join(dir, 'target', 'sources.json')) as { results: FreshnessResultRow[] };
  expect(Object.fromEntries(json.results.map((r) => [r.unique_id, r.status]))).toEqual({
    'source.freshness.bronze.empty_feed': 'error', 'source.freshness.bronze.events': 'pass', 'source.freshness.bronze.orders': 'error',
    'source.freshness.bronze.orders_recent': 'pass', 'source.freshness.bronze.users': 'warn', 'source.freshness.legacy.gone': 'runtime error',
  });
  const events = json.results.find((r) => r.unique_id === 'source.freshness.bronze.events')!;
  // Compared on the warehouse's clock.
  expect(events.max_loaded_at_time_ago_in_s).toBeGreaterThan(590);
  expect(events.max_loaded_at_time_ago_in_s).toBeLessThan(3600);
  return events;
}

/** The stale table and the missing one, as the CLI reports them. */
export function expectFreshnessFailures(res: { code: number; stdout: string }): void {
  expect(res.code).toBe(1);
  expect(res.stdout).toMatch(/ERROR STALE freshness of bronze\.orders /);
  expect(res.stdout).toMatch(/Database Error in source gone \(models\/sources\.yml\)/);
}
