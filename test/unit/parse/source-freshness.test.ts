import { describe, expect, it } from 'vitest';
import {
  exceeded, freshnessStatus, hasFreshness, mergeSourceFreshness, thresholdOf, type FreshnessThreshold,
} from '../../../src/parse/source-freshness.js';
import type { FreshnessLayer } from '../../../src/project/freshness-yaml.js';

const t = (layer: FreshnessLayer): FreshnessThreshold => thresholdOf(layer)!;
const empty = { count: null, period: null };

describe('mergeSourceFreshness (dbt merge_source_freshness)', () => {
  // The cases of dbt-core's own unit test, then tx's.
  it('null disables, and stays disabled through layers that set nothing', () => {
    expect(mergeSourceFreshness(null, null)).toBeNull();
    const both = t({ warn_after: { count: 1, period: 'hour' }, error_after: { count: 1, period: 'day' } });
    expect(mergeSourceFreshness(both, null)).toBeNull();
    expect(mergeSourceFreshness(both, null, thresholdOf(undefined))).toBeNull();
  });

  it('combines warn_after and error_after from different layers', () => {
    const warn = t({ warn_after: { count: 1, period: 'hour' } });
    const err = t({ error_after: { count: 1, period: 'day' } });
    const expected = { warn_after: { count: 1, period: 'hour' }, error_after: { count: 1, period: 'day' }, filter: null };
    expect(mergeSourceFreshness(warn, err)).toEqual(expected);
    expect(mergeSourceFreshness(null, warn, err)).toEqual(expected);
  });

  it('a later complete threshold replaces the earlier one; an incomplete one keeps it', () => {
    const base = t({ warn_after: { count: 1, period: 'hour' }, error_after: { count: 1, period: 'day' } });
    expect(mergeSourceFreshness(base, t({ error_after: { count: 48, period: 'hour' } }))).toEqual({
      warn_after: { count: 1, period: 'hour' }, error_after: { count: 48, period: 'hour' }, filter: null,
    });
    expect(mergeSourceFreshness(base, t({ warn_after: { count: 3, period: null } }))!.warn_after).toEqual({ count: 1, period: 'hour' });
    // An explicit null for one threshold drops just that one.
    expect(mergeSourceFreshness(base, t({ warn_after: null }))).toEqual({ warn_after: null, error_after: { count: 1, period: 'day' }, filter: null });
  });

  it('takes the latest filter that is set', () => {
    const a = t({ warn_after: { count: 1, period: 'hour' }, filter: 'a = 1' });
    expect(mergeSourceFreshness(a, t({}))!.filter).toBe('a = 1');
    expect(mergeSourceFreshness(a, t({ filter: 'b = 2' }))!.filter).toBe('b = 2');
  });

  it('a table re-enables freshness its source switched off', () => {
    const project = t({ warn_after: { count: 1, period: 'hour' } });
    const table = t({ error_after: { count: 2, period: 'day' } });
    expect(mergeSourceFreshness(project, null, thresholdOf(undefined), table)).toEqual({ warn_after: empty, error_after: { count: 2, period: 'day' }, filter: null });
  });

  it('nothing set anywhere: an empty threshold, which has no freshness', () => {
    const none = mergeSourceFreshness(thresholdOf(undefined), thresholdOf(undefined));
    expect(none).toEqual({ warn_after: empty, error_after: empty, filter: null });
    expect(hasFreshness(none)).toBe(false);
    expect(hasFreshness(null)).toBe(false);
    expect(hasFreshness(t({ warn_after: { count: 1, period: null } }))).toBe(false);
    expect(hasFreshness(t({ error_after: { count: 0, period: 'minute' } }))).toBe(true);
  });
});

describe('freshnessStatus (dbt FreshnessThreshold.status)', () => {
  const c = t({ warn_after: { count: 1, period: 'hour' }, error_after: { count: 1, period: 'day' } });

  it('passes, warns and errors by age, strictly past each threshold', () => {
    expect(freshnessStatus(c, 0)).toBe('pass');
    expect(freshnessStatus(c, 3600)).toBe('pass');
    expect(freshnessStatus(c, 3600.001)).toBe('warn');
    expect(freshnessStatus(c, 86400)).toBe('warn');
    expect(freshnessStatus(c, 86401)).toBe('error');
    // A future max_loaded_at (clock skew) is fresh.
    expect(freshnessStatus(c, -30)).toBe('pass');
  });

  it('checks error_after first, and ignores incomplete thresholds', () => {
    expect(freshnessStatus(t({ warn_after: { count: 10, period: 'day' }, error_after: { count: 1, period: 'minute' } }), 120)).toBe('error');
    expect(freshnessStatus(t({ error_after: { count: 1, period: null } }), 1e9)).toBe('pass');
    expect(exceeded({ count: 2, period: 'minute' }, 121)).toBe(true);
    expect(exceeded({ count: 2, period: 'minute' }, 120)).toBe(false);
    expect(exceeded(null, 1e12)).toBe(false);
  });
});
