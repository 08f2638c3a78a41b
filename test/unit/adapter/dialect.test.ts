import { describe, expect, it } from 'vitest';
import { duckdbDialect as d } from '../../../adapters/duckdb/dialect.js';

describe('duckdb dialect', () => {
  it('quotes identifiers, doubling embedded quotes', () => {
    expect(d.quoteIdent('orders')).toBe('"orders"');
    expect(d.quoteIdent('we"ird')).toBe('"we""ird"');
  });
  it('renders relations with all parts quoted by default, honouring a policy', () => {
    expect(d.renderRelation({ database: 'db', schema: 'main', identifier: 't' })).toBe('"db"."main"."t"');
    expect(d.renderRelation({ database: null, schema: 's', identifier: 't' })).toBe('"s"."t"');
    expect(d.renderRelation({ database: 'db', schema: 's', identifier: 't' }, { database: false, schema: true, identifier: false })).toBe('db."s".t');
    expect(d.defaultQuoting).toEqual({ database: true, schema: true, identifier: true });
  });
  it('normalizes type aliases to the names DuckDB reports', () => {
    const cases: [string, string][] = [
      ['int', 'INTEGER'], ['int4', 'INTEGER'], ['integer', 'INTEGER'], ['bigint', 'BIGINT'], ['int8', 'BIGINT'],
      ['long', 'BIGINT'], ['varchar', 'VARCHAR'], ['text', 'VARCHAR'], ['string', 'VARCHAR'], ['char', 'VARCHAR'],
      ['varchar(255)', 'VARCHAR'], ['float8', 'DOUBLE'], ['double', 'DOUBLE'], ['double precision', 'DOUBLE'],
      ['float4', 'FLOAT'], ['real', 'FLOAT'], ['float', 'FLOAT'], ['bool', 'BOOLEAN'], ['boolean', 'BOOLEAN'],
      ['numeric(10, 2)', 'DECIMAL(10,2)'], ['decimal(12,4)', 'DECIMAL(12,4)'], ['numeric', 'DECIMAL(18,3)'],
      ['timestamp', 'TIMESTAMP'], ['datetime', 'TIMESTAMP'], ['timestamptz', 'TIMESTAMP WITH TIME ZONE'],
      ['timestamp with time zone', 'TIMESTAMP WITH TIME ZONE'], ['date', 'DATE'], ['int[]', 'INTEGER[]'],
      ['STRUCT(a INT)', 'STRUCT(a INT)'],
    ];
    for (const [input, want] of cases) expect(d.normalizeType(input), input).toBe(want);
  });
  it('renders literals', () => {
    expect(d.literal("it's")).toBe("'it''s'");
    expect(d.literal(null)).toBe('NULL');
    expect(d.literal(undefined)).toBe('NULL');
    expect(d.literal(true)).toBe('TRUE');
    expect(d.literal(false)).toBe('FALSE');
    expect(d.literal(42)).toBe('42');
    expect(d.literal(1.5)).toBe('1.5');
    expect(d.literal(10n)).toBe('10');
    expect(d.literal(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)))).toBe("TIMESTAMP '2024-01-02 03:04:05.006'");
    expect(d.literal([1, 'a'])).toBe("[1, 'a']");
  });
  it('declares its capabilities', () => {
    expect(d.name).toBe('duckdb');
    expect(d.sqlParserDialect).toBe('postgresql');
    expect(d.capabilities).toMatchObject({ transactions: true, merge: true, createOrReplaceTable: true, renameRelation: true, multiStatement: true });
  });
});
