import { describe, expect, it } from 'vitest';
import { bareIdent, foldIdent, snowflakeDialect as d, MAX_IDENTIFIER_LENGTH } from '../../../adapters/snowflake/dialect.js';
import { Relation } from '../../../src/adapter/relation.js';
import { loadAdapter, loadDialect } from '../../../src/adapter/registry.js';

describe('snowflake dialect', () => {
  it('quotes identifiers, upper-casing plain lower-case names as Snowflake folds them', () => {
    expect(d.quoteIdent('orders')).toBe('"ORDERS"');
    expect(d.quoteIdent('ORDERS')).toBe('"ORDERS"');
    expect(d.quoteIdent('c0')).toBe('"C0"');
    // Anything Snowflake would not have folded stays exactly as written.
    expect(d.quoteIdent('MixedCase')).toBe('"MixedCase"');
    expect(d.quoteIdent('has space')).toBe('"has space"');
    expect(d.quoteIdent('we"ird')).toBe('"we""ird"');
    expect(foldIdent('orders')).toBe('ORDERS');
    expect(foldIdent('Has Space')).toBe('Has Space');
    expect(bareIdent('analytics')).toBe('analytics');
    expect(bareIdent('my-db')).toBe('"my-db"');
  });

  it('renders relations unquoted by default (dbt-snowflake quoting), quoted parts when configured', () => {
    expect(d.defaultQuoting).toEqual({ database: false, schema: false, identifier: false });
    expect(d.renderRelation({ database: 'analytics', schema: 'public', identifier: 'orders' })).toBe('analytics.public.orders');
    expect(d.renderRelation({ database: null, schema: 'public', identifier: 'orders' })).toBe('public.orders');
    expect(d.renderRelation({ database: 'analytics', schema: 'public', identifier: 'Orders' }, { database: false, schema: false, identifier: true })).toBe('analytics.public."Orders"');
    const rel = Relation.create(d, { database: 'analytics', schema: 'public', identifier: 'orders' }, 'table', { identifier: true });
    expect(rel.render()).toBe('analytics.public."ORDERS"');
    expect(Relation.create(d, { database: 'analytics', schema: 'public', identifier: 'orders' }).render()).toBe('analytics.public.orders');
  });

  it('normalises type spellings to the names DESCRIBE reports', () => {
    const cases: [string, string][] = [
      ['int', 'NUMBER(38,0)'], ['INTEGER', 'NUMBER(38,0)'], ['bigint', 'NUMBER(38,0)'], ['smallint', 'NUMBER(38,0)'],
      ['number', 'NUMBER(38,0)'], ['NUMBER(38,0)', 'NUMBER(38,0)'], ['decimal(10, 2)', 'NUMBER(10,2)'], ['numeric(12)', 'NUMBER(12,0)'],
      ['varchar', 'VARCHAR'], ['TEXT', 'VARCHAR'], ['string', 'VARCHAR'], ['VARCHAR(16777216)', 'VARCHAR'], ['varchar(20)', 'VARCHAR(20)'],
      ['char', 'VARCHAR(1)'], ['character(3)', 'VARCHAR(3)'],
      ['float', 'FLOAT'], ['double', 'FLOAT'], ['DOUBLE PRECISION', 'FLOAT'], ['real', 'FLOAT'], ['float8', 'FLOAT'],
      ['boolean', 'BOOLEAN'], ['bool', 'BOOLEAN'], ['date', 'DATE'],
      ['timestamp', 'TIMESTAMP_NTZ'], ['TIMESTAMP_NTZ(9)', 'TIMESTAMP_NTZ'], ['timestamp_ntz(3)', 'TIMESTAMP_NTZ(3)'], ['datetime', 'TIMESTAMP_NTZ'],
      ['timestamp_ltz', 'TIMESTAMP_LTZ'], ['timestamptz', 'TIMESTAMP_TZ'], ['timestamp with time zone', 'TIMESTAMP_TZ'],
      ['time', 'TIME'], ['variant', 'VARIANT'], ['json', 'VARIANT'], ['object', 'OBJECT'], ['array', 'ARRAY'],
      ['binary', 'BINARY'], ['geography', 'GEOGRAPHY'],
    ];
    for (const [input, want] of cases) expect(d.normalizeType(input), input).toBe(want);
    // What a seed infers (DuckDB spellings) matches what the warehouse reports for the table.
    expect(d.normalizeType('BIGINT')).toBe(d.normalizeType('NUMBER(38,0)'));
    expect(d.normalizeType('VARCHAR')).toBe(d.normalizeType('VARCHAR(16777216)'));
  });

  it('renders literals, escaping backslashes and quotes', () => {
    expect(d.literal("it's")).toBe("'it''s'");
    expect(d.literal('back\\slash')).toBe("'back\\\\slash'");
    expect(d.literal(null)).toBe('NULL');
    expect(d.literal(true)).toBe('TRUE');
    expect(d.literal(42)).toBe('42');
    expect(d.literal(10n)).toBe('10');
    expect(d.literal(Number.NaN)).toBe("'NaN'::FLOAT");
    expect(d.literal(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)))).toBe("'2024-01-02 03:04:05.006'::TIMESTAMP_NTZ");
    expect(d.literal([1, 'a'])).toBe("ARRAY_CONSTRUCT(1, 'a')");
    expect(d.literal({ a: 1 })).toBe(`PARSE_JSON('{"a":1}')`);
  });

  it('declares its capabilities', () => {
    expect(d.name).toBe('snowflake');
    expect(d.sqlParserDialect).toBe('snowflake');
    expect(d.paramStyle).toBe('question');
    expect(d.capabilities).toEqual({
      transactions: true, ddlInTransactions: false, merge: true, createOrReplaceTable: true, renameRelation: true, multiStatement: true,
      enforcedConstraints: ['not_null'], unsupportedConstraints: ['check'], seedLoader: 'load_step',
      incrementalStrategies: { names: ['append', 'merge', 'delete+insert', 'insert_overwrite', 'microbatch'] },
    });
    expect(MAX_IDENTIFIER_LENGTH).toBe(255);
  });

  it('is registered; loading it does not load the SDK', async () => {
    expect((await loadDialect('snowflake')).name).toBe('snowflake');
    expect((await loadAdapter('snowflake')).dialect).toBe(d);
  });
});
