import { describe, expect, it } from 'vitest';
import { sel } from './fixture.js';
import type { SourceFreshnessStates } from '../../../src/select/methods.js';

const EVENTS = 'source.p.bronze.user_events';
const ORDERS = 'source.p.bronze.orders';

function states(previous: [string, bigint][], current: [string, bigint][]): () => SourceFreshnessStates {
  return () => ({ previous: new Map(previous), current: new Map(current) });
}

describe('source_status selector', () => {
  it('fresher: newer max_loaded_at than in the previous sources.json, or not there at all', () => {
    expect(sel(['source_status:fresher'], { sourceFreshness: states([[EVENTS, 10n], [ORDERS, 10n]], [[EVENTS, 11n], [ORDERS, 10n]]) })).toEqual([EVENTS]);
    expect(sel(['source_status:fresher'], { sourceFreshness: states([[EVENTS, 10n]], [[EVENTS, 9n], [ORDERS, 1n]]) })).toEqual([ORDERS]);
    // A source whose current check errored (absent from current) is never fresher.
    expect(sel(['source_status:fresher'], { sourceFreshness: states([], [[ORDERS, 1n]]) })).toEqual([ORDERS]);
  });

  it('fresher+ adds the descendants; other values select nothing', () => {
    const env = { sourceFreshness: states([[EVENTS, 1n]], [[EVENTS, 2n]]) };
    expect(sel(['source_status:fresher+'], env)).toEqual([
      'analysis.p.adhoc', 'model.p.stg_events', 'model.p.user_features', 'model.p.user_scores', EVENTS,
      'test.p.assert_positive', 'test.p.not_null_user_features_id', 'test.p.relationships_scores_features',
    ]);
    expect(sel(['source_status:stale'], env)).toEqual([]);
  });

  it('reads the files only when the method is used, and says so when they are not available', () => {
    let reads = 0;
    const counting = () => (reads++, { previous: new Map<string, bigint>(), current: new Map<string, bigint>() });
    sel(['tag:nightly'], { sourceFreshness: counting });
    expect(reads).toBe(0);
    expect(() => sel(['source_status:fresher'])).toThrow(/compares two sources\.json files/);
  });
});
