/** dbt 1.9's batch_map for `tx retry`: only microbatch models with both done and failed batches. */
import { describe, expect, it } from 'vitest';
import { retryBatchMap } from '../../../src/api/retry.js';

const w = (d: number): [string, string] => [`2024-01-0${d}T00:00:00+00:00`, `2024-01-0${d + 1}T00:00:00+00:00`];

describe('retry batch map', () => {
  it('keeps partly successful microbatch models; all-failed ones and other nodes run again in full', () => {
    const map = retryBatchMap([
      { unique_id: 'model.p.partial', status: 'partial success', batch_results: { successful: [w(1), w(3)], failed: [w(2)] } },
      { unique_id: 'model.p.all_failed', status: 'error', batch_results: { successful: [], failed: [w(1), w(2)] } },
      { unique_id: 'model.p.ok', status: 'success', batch_results: { successful: [w(1)], failed: [] } },
      { unique_id: 'model.p.table', status: 'error', batch_results: null },
      { unique_id: 'model.p.old', status: 'error' },
    ]);
    expect(map).toEqual({ 'model.p.partial': { successful: [w(1), w(3)], failed: [w(2)] } });
  });
});
