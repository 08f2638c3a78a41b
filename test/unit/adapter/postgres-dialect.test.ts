import { describe, expect, it } from 'vitest';
import { postgresDialect as d, MAX_IDENTIFIER_LENGTH } from '../../../adapters/postgres/dialect.js';
import { loadAdapter, loadDialect } from '../../../src/adapter/registry.js';

describe('postgres dialect', () => {
  it('quotes identifiers with double quotes, doubling embedded ones', () => {
    expect(d.quoteIdent('orders')).toBe('"orders"');
    expect(d.quoteIdent('we"ird')).toBe('"we""ird"');
    expect(d.quoteIdent('Mixed Case')).toBe('"Mixed Case"');
  });

  it('renders database.schema.identifier, honouring a quoting policy', () => {
    expect(d.renderRelation({ database: 'db', schema: 'public', identifier: 't' })).toBe('"db"."public"."t"');
    expect(d.renderRelation({ database: null, schema: 's', identifier: 't' })).toBe('"s"."t"');
    expect(d.renderRelation({ database: 'db', schema: 's', identifier: 't' }, { database: false, schema: true, identifier: false })).toBe('db."s".t');
    expect(d.defaultQuoting).toEqual({ database: true, schema: true, identifier: true });
  });

  it('normalises type spellings to the names format_type() reports', () => {
    const cases: [string, string][] = [
      ['int', 'integer'], ['int4', 'integer'], ['INTEGER', 'integer'], ['serial', 'integer'],
      ['int8', 'bigint'], ['BIGINT', 'bigint'], ['int2', 'smallint'],
      ['varchar', 'text'], ['text', 'text'], ['character varying', 'text'], ['VARCHAR', 'text'], ['string', 'text'],
      ['varchar(20)', 'character varying(20)'], ['character varying(20)', 'character varying(20)'],
      ['char', 'character(1)'], ['char(3)', 'character(3)'], ['character(3)', 'character(3)'],
      ['float8', 'double precision'], ['double', 'double precision'], ['DOUBLE', 'double precision'], ['float', 'double precision'],
      ['double  precision', 'double precision'], ['float4', 'real'], ['real', 'real'], ['float(10)', 'real'], ['float(40)', 'double precision'],
      ['numeric', 'numeric'], ['decimal(10, 2)', 'numeric(10,2)'], ['numeric(12)', 'numeric(12,0)'],
      ['bool', 'boolean'], ['BOOLEAN', 'boolean'],
      ['timestamp', 'timestamp without time zone'], ['TIMESTAMP', 'timestamp without time zone'],
      ['timestamp without time zone', 'timestamp without time zone'], ['datetime', 'timestamp without time zone'],
      ['timestamptz', 'timestamp with time zone'], ['timestamp with time zone', 'timestamp with time zone'],
      ['timestamp(3)', 'timestamp(3) without time zone'], ['timestamp(3) with time zone', 'timestamp(3) with time zone'],
      ['time', 'time without time zone'], ['timetz', 'time with time zone'], ['date', 'date'],
      ['int[]', 'integer[]'], ['_int4', 'integer[]'], ['text[]', 'text[]'],
      ['jsonb', 'jsonb'], ['uuid', 'uuid'], ['bytea', 'bytea'], ['blob', 'bytea'], ['my_enum', 'my_enum'],
    ];
    for (const [input, want] of cases) expect(d.normalizeType(input), input).toBe(want);
    // Equal spellings compare equal after normalising both sides.
    expect(d.normalizeType('int')).toBe(d.normalizeType('int4'));
    expect(d.normalizeType('timestamp')).toBe(d.normalizeType('timestamp without time zone'));
  });

  it('renders literals', () => {
    expect(d.literal("it's")).toBe("'it''s'");
    expect(d.literal('back\\slash')).toBe("'back\\slash'");
    expect(d.literal(null)).toBe('NULL');
    expect(d.literal(undefined)).toBe('NULL');
    expect(d.literal(true)).toBe('TRUE');
    expect(d.literal(42)).toBe('42');
    expect(d.literal(-1.5)).toBe('-1.5');
    expect(d.literal(10n)).toBe('10');
    expect(d.literal(Number.NaN)).toBe("'NaN'::double precision");
    expect(d.literal(Number.NEGATIVE_INFINITY)).toBe("'-Infinity'::double precision");
    expect(d.literal(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)))).toBe("TIMESTAMP '2024-01-02 03:04:05.006'");
    expect(d.literal([1, 'a'])).toBe("ARRAY[1, 'a']");
    expect(d.literal([])).toBe("'{}'");
    expect(d.literal({ a: 1 })).toBe(`'{"a":1}'`);
  });

  it('declares its capabilities', () => {
    expect(d.name).toBe('postgres');
    expect(d.sqlParserDialect).toBe('postgresql');
    expect(d.paramStyle).toBe('dollar');
    expect(d.capabilities).toEqual({
      transactions: true, merge: true, createOrReplaceTable: false, renameRelation: true, multiStatement: true,
      enforcedConstraints: ['not_null', 'primary_key', 'unique', 'check', 'foreign_key'], seedLoader: 'load_step',
    });
    expect(MAX_IDENTIFIER_LENGTH).toBe(63);
  });

  it('is registered (dialect and adapter load lazily)', async () => {
    expect((await loadDialect('postgres')).name).toBe('postgres');
    expect((await loadAdapter('postgres')).dialect).toBe(d);
  });
});
