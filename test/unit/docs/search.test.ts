import { describe, expect, it } from 'vitest';
import { createSearchIndex } from '../../../src/docs/browser/search.js';
import { siteData } from './site-fixture.js';

describe('search', () => {
  const nodes = siteData().nodes;
  const index = createSearchIndex(nodes);
  const find = (q: string) => index.search(q).map((h) => `${nodes[h.index]!.n}:${h.why}`);

  it('finds names first, then columns and descriptions', () => {
    expect(find('b')[0]).toBe('b:name');
    expect(find('customer_id')).toEqual(['b:column customer_id']);
    expect(find('orders')).toEqual(['orders:name', 'a:description']);
  });

  it('requires every term to match and skips tests', () => {
    expect(find('customer marts')).toEqual(['b:column customer_id']);
    expect(find('not_null')).toEqual([]);
    expect(find('   ')).toEqual([]);
  });

  it('finds exposures by name and label, and never hidden documentation', () => {
    expect(find('dash')).toEqual(['dash:name']);
    expect(find('revenue')).toEqual(['dash:description']);
    expect(find('shy')).toEqual([]);
  });
});
