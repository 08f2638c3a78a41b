import { describe, expect, it } from 'vitest';
import { lineageHref, parseRoute, searchHref } from '../../../src/docs/browser/router.js';

describe('routes', () => {
  it("reads dbt docs' node addresses", () => {
    expect(parseRoute('#!/model/model.jaffle_shop.orders')).toEqual({ page: 'node', type: 'model', id: 'model.jaffle_shop.orders' });
    expect(parseRoute('#!/source/source.p.raw.orders')).toEqual({ page: 'node', type: 'source', id: 'source.p.raw.orders' });
    expect(parseRoute('')).toEqual({ page: 'overview' });
    expect(parseRoute('#!/overview')).toEqual({ page: 'overview' });
    expect(parseRoute('#!/overview/jaffle_shop')).toEqual({ page: 'overview' });
  });

  it('round-trips selectors with + through the address', () => {
    expect(parseRoute(lineageHref('+silver.user_features+', 'tag:x'))).toEqual({ page: 'lineage', select: '+silver.user_features+', exclude: 'tag:x' });
    expect(parseRoute(lineageHref(''))).toEqual({ page: 'lineage', select: '', exclude: '' });
    expect(parseRoute(searchHref('a b&c'))).toEqual({ page: 'search', query: 'a b&c' });
    expect(parseRoute('#!/runs')).toEqual({ page: 'runs' });
  });
});
