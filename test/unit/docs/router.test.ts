import { describe, expect, it } from 'vitest';
import { lineageHref, parseRoute, searchHref, sourceListHref } from '../../../src/docs/browser/router.js';

describe('routes', () => {
  it("reads dbt docs' node addresses", () => {
    expect(parseRoute('#!/model/model.jaffle_shop.orders')).toEqual({ page: 'node', type: 'model', id: 'model.jaffle_shop.orders' });
    expect(parseRoute('#!/source/source.p.raw.orders')).toEqual({ page: 'node', type: 'source', id: 'source.p.raw.orders' });
    expect(parseRoute('')).toEqual({ page: 'overview' });
    expect(parseRoute('#!/overview')).toEqual({ page: 'overview' });
    expect(parseRoute('#!/overview/jaffle_shop')).toEqual({ page: 'overview' });
    expect(parseRoute('#!/source_list/raw')).toEqual({ page: 'source_list', name: 'raw' });
    expect(parseRoute(sourceListHref('my source'))).toEqual({ page: 'source_list', name: 'my source' });
    expect(parseRoute('#!/macro/macro.p.m')).toEqual({ page: 'node', type: 'macro', id: 'macro.p.m' });
    expect(parseRoute('#!/exposure/exposure.p.dash')).toEqual({ page: 'node', type: 'exposure', id: 'exposure.p.dash' });
  });

  it('round-trips selectors with + through the address', () => {
    expect(parseRoute(lineageHref('+silver.user_features+', 'tag:x'))).toEqual({ page: 'lineage', select: '+silver.user_features+', exclude: 'tag:x', focus: '' });
    expect(parseRoute(lineageHref(''))).toEqual({ page: 'lineage', select: '', exclude: '', focus: '' });
    expect(parseRoute(lineageHref('+x', '', 'model.p.x'))).toEqual({ page: 'lineage', select: '+x', exclude: '', focus: 'model.p.x' });
    expect(parseRoute(searchHref('a b&c'))).toEqual({ page: 'search', query: 'a b&c' });
    expect(parseRoute('#!/runs')).toEqual({ page: 'runs' });
  });
});

describe('formatting', async () => {
  const { formatTimestamp, exposureTypeLabel } = await import('../../../src/docs/browser/format.js');
  const { signatureArgs } = await import('../../../src/docs/browser/node-page.js');

  it('formats artifact timestamps the same everywhere', () => {
    expect(formatTimestamp('2026-01-05T14:03:12.123456Z')).toBe('2026-01-05 14:03:12 UTC');
    expect(formatTimestamp('2026-01-05T14:03:12Z')).toBe('2026-01-05 14:03:12 UTC');
    expect(formatTimestamp('2026-01-05T14:03:12+02:00')).toBe('2026-01-05 14:03:12 UTC+02:00');
    expect(formatTimestamp('now')).toBe('now');
  });

  it('labels exposure types and reads macro signatures', () => {
    expect(exposureTypeLabel('ml')).toBe('ML');
    expect(exposureTypeLabel('dashboard')).toBe('Dashboard');
    expect(signatureArgs("{% macro rolling(expr, days, by='user_id') -%}x{% endmacro %}")).toEqual([{ n: 'expr' }, { n: 'days' }, { n: 'by', d: "default: `'user_id'`" }]);
    expect(signatureArgs('{% macro m() %}{% endmacro %}')).toEqual([]);
  });
});
