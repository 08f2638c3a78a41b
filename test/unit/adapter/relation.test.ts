import { describe, expect, it } from 'vitest';
import { duckdbDialect } from '../../../adapters/duckdb/dialect.js';
import { Relation } from '../../../src/adapter/relation.js';

const rel = Relation.create(duckdbDialect, { database: 'db', schema: 'main', identifier: 'orders' }, 'table');

describe('Relation', () => {
  it('renders quoted and prints itself', () => {
    expect(rel.render()).toBe('"db"."main"."orders"');
    expect(String(rel)).toBe('"db"."main"."orders"');
    expect(`${rel}`).toBe('"db"."main"."orders"');
    expect(rel.name).toBe('orders');
    expect(rel.is_table).toBe(true);
    expect(rel.is_view).toBe(false);
    expect(rel.is_cte).toBe(false);
  });
  it('include() renders only included parts (nunjucks kwargs object or positional)', () => {
    expect(rel.include({ database: false, schema: false, __keywords: true }).render()).toBe('"orders"');
    expect(rel.include(false).render()).toBe('"main"."orders"');
    expect(rel.without_identifier().render()).toBe('"db"."main"');
    expect(rel.render()).toBe('"db"."main"."orders"');
  });
  it('quote() and the project quoting config', () => {
    expect(rel.quote({ identifier: false }).render()).toBe('"db"."main".orders');
    const unq = Relation.create(duckdbDialect, { database: 'db', schema: 's', identifier: 't' }, null, { database: false, schema: false });
    expect(unq.render()).toBe('db.s."t"');
  });
  it('incorporate() changes path and type', () => {
    const tmp = rel.incorporate({ path: { identifier: 'orders__dbt_tmp' }, type: 'view' });
    expect(tmp.render()).toBe('"db"."main"."orders__dbt_tmp"');
    expect(tmp.is_view).toBe(true);
    expect(rel.identifier).toBe('orders');
    expect(rel.matches('DB', 'MAIN', 'Orders')).toBe(true);
  });
});
