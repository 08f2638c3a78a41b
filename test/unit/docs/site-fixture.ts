/** A small site data set for the browser modules' unit tests: seed → source → three models → an exposure, a test, a hidden model. */
import type { SiteData } from '../../../src/docs/site-types.js';
import { createStore, type DocsStore } from '../../../src/docs/browser/store.js';

export function siteData(): SiteData {
  return {
    v: 3,
    project: 'p',
    adapter: 'duckdb',
    generatedAt: '2026-01-01T00:00:00.000000Z',
    hasCatalog: true,
    cfgs: [{ materialized: 'view', tags: ['nightly'] }, { materialized: 'table' }, { materialized: 'seed' }],
    nodes: [
      { id: 'model.p.a', t: 'model', n: 'a', pkg: 'p', fqn: ['p', 'staging', 'a'], file: 'models/staging/a.sql', tags: ['nightly'], cfg: 0, dep: [4], d: 'Staging of **orders**.' },
      { id: 'model.p.b', t: 'model', n: 'b', pkg: 'p', fqn: ['p', 'marts', 'b'], file: 'models/marts/b.sql', cfg: 1, dep: [0], cols: [{ n: 'customer_id', ty: 'INTEGER', d: 'The customer.', tests: [5] }], tests: [5], patch: 'models/marts/_marts.yml' },
      { id: 'model.p.c', t: 'model', n: 'c', pkg: 'p', fqn: ['p', 'marts', 'c'], file: 'models/marts/c.sql', cfg: 1, dep: [1] },
      { id: 'seed.p.s', t: 'seed', n: 's', pkg: 'p', fqn: ['p', 's'], file: 'seeds/s.csv', cfg: 2 },
      { id: 'source.p.raw.orders', t: 'source', n: 'orders', pkg: 'p', fqn: ['p', 'raw', 'orders'], file: 'models/staging/_sources.yml', src: 'raw', dep: [3] },
      { id: 'test.p.not_null_b_customer_id.abc', t: 'test', n: 'not_null_b_customer_id', pkg: 'p', fqn: ['p', 'marts', 'not_null_b_customer_id'], file: 'models/marts/_marts.yml', dep: [1], tm: 'not_null', col: 'customer_id', att: 1 },
      { id: 'exposure.p.dash', t: 'exposure', n: 'dash', pkg: 'p', fqn: ['p', 'dash'], file: 'models/marts/_exposures.yml', dep: [2], d: 'Weekly revenue.', exp: { type: 'dashboard', label: 'Revenue board', owner: { name: 'BI' } } },
      { id: 'model.p.shy', t: 'model', n: 'shy', pkg: 'p', fqn: ['p', 'staging', 'shy'], file: 'models/staging/shy.sql', cfg: 0, dep: [0], hidden: 1 },
    ],
    run: null,
  };
}

export function store(): DocsStore {
  return createStore(siteData(), () => [0, ['select 1', null], 0, 0, 0, 0, 0, 0]);
}
