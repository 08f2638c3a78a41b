/** The BigQuery dialect (pure): quoting, relations, type names, literals, capabilities; and lazy loading. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bigqueryDialect, literal, normalizeType, quoteIdent } from '../../../adapters/bigquery/dialect.js';
import { Relation } from '../../../src/adapter/relation.js';
import { loadAdapter, loadDialect } from '../../../src/adapter/registry.js';

describe('bigquery dialect', () => {
  it('quotes with backticks and renders `project`.`dataset`.`table`', () => {
    expect(quoteIdent('orders')).toBe('`orders`');
    expect(quoteIdent('we`ird\\name')).toBe('`we\\`ird\\\\name`');
    const rel = Relation.create(bigqueryDialect, { database: 'my-project', schema: 'analytics', identifier: 'orders' });
    expect(rel.render()).toBe('`my-project`.`analytics`.`orders`');
    expect(rel.include({ database: false }).render()).toBe('`analytics`.`orders`');
    expect(bigqueryDialect.renderRelation({ database: null, schema: '', identifier: 'tmp' })).toBe('`tmp`');
    expect(bigqueryDialect.renderRelation({ database: 'p', schema: 'd', identifier: 't' }, { database: false, schema: true, identifier: true })).toBe('p.`d`.`t`');
  });

  it('normalises type names to GoogleSQL', () => {
    const cases: [string, string][] = [
      ['integer', 'INT64'], ['BIGINT', 'INT64'], ['int64', 'INT64'], ['INTEGER', 'INT64'], ['smallint', 'INT64'],
      ['double', 'FLOAT64'], ['FLOAT', 'FLOAT64'], ['float64', 'FLOAT64'], ['double precision', 'FLOAT64'],
      ['numeric', 'NUMERIC'], ['decimal(10,2)', 'NUMERIC(10, 2)'], ['NUMERIC(38, 9)', 'NUMERIC(38, 9)'], ['bignumeric', 'BIGNUMERIC'],
      ['varchar', 'STRING'], ['text', 'STRING'], ['string(20)', 'STRING(20)'], ['varchar(255)', 'STRING(255)'],
      ['boolean', 'BOOL'], ['bool', 'BOOL'], ['bytes', 'BYTES'], ['blob', 'BYTES'],
      ['date', 'DATE'], ['datetime', 'DATETIME'], ['timestamp', 'TIMESTAMP'], ['timestamptz', 'TIMESTAMP'],
      ['timestamp without time zone', 'DATETIME'], ['time', 'TIME'], ['json', 'JSON'], ['geography', 'GEOGRAPHY'],
      ['array<int64>', 'ARRAY<INT64>'], ['ARRAY<STRUCT<a INT64, b ARRAY<STRING>>>', 'ARRAY<STRUCT<a INT64, b ARRAY<STRING>>>'],
      ['struct<a integer, `b c` varchar>', 'STRUCT<a INT64, `b c` STRING>'], ['int[]', 'ARRAY<INT64>'],
      ['RECORD', 'STRUCT'], ['interval', 'INTERVAL'],
    ];
    for (const [input, expected] of cases) expect(normalizeType(input), input).toBe(expected);
    // A seed's inferred DuckDB names map onto BigQuery's.
    expect(['INTEGER', 'BIGINT', 'DOUBLE', 'VARCHAR', 'BOOLEAN', 'DATE', 'TIMESTAMP'].map(normalizeType))
      .toEqual(['INT64', 'INT64', 'FLOAT64', 'STRING', 'BOOL', 'DATE', 'TIMESTAMP']);
  });

  it('renders literals as GoogleSQL reads them', () => {
    expect(literal(null)).toBe('NULL');
    expect(literal(true)).toBe('TRUE');
    expect(literal(42)).toBe('42');
    expect(literal(12345678901234567890n)).toBe('12345678901234567890');
    expect(literal(Number.NaN)).toBe("CAST('NaN' AS FLOAT64)");
    expect(literal(-Infinity)).toBe("CAST('-inf' AS FLOAT64)");
    expect(literal("it's")).toBe("'it\\'s'");
    expect(literal('a\\b\nc')).toBe("'a\\\\b\\nc'");
    expect(literal(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)))).toBe("TIMESTAMP '2024-01-02 03:04:05.006+00'");
    expect(literal([1, 'x'])).toBe("[1, 'x']");
    expect(literal({ a: 1 })).toBe(`JSON '{"a":1}'`);
  });

  it('declares what BigQuery can do, as dbt-bigquery does', () => {
    const c = bigqueryDialect.capabilities;
    expect(c).toMatchObject({ transactions: false, merge: true, createOrReplaceTable: true, renameRelation: false, seedLoader: 'load_step' });
    expect(c.enforcedConstraints).toEqual(['not_null']);
    expect(c.unsupportedConstraints).toEqual(['unique', 'check']);
    expect(bigqueryDialect.sqlParserDialect).toBe('bigquery');
    expect(bigqueryDialect.paramStyle).toBe('question');
  });

  it('loads through the registry without the SDK (compile stays offline)', async () => {
    expect((await loadDialect('bigquery')).name).toBe('bigquery');
    const adapter = await loadAdapter('bigquery');
    expect(adapter.dialect).toBe(bigqueryDialect);
    // Static (value) imports reachable from index.ts: none may load the SDK or the auth library.
    const dir = join(import.meta.dirname, '../../../adapters/bigquery');
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const src = readFileSync(join(dir, file), 'utf8');
      for (const m of src.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)) {
        const spec = m[1]!;
        expect(spec, `${file} imports ${spec}`).not.toMatch(/google/);
        if (spec.startsWith('./')) visit(spec.slice(2).replace(/\.js$/, '.ts'));
      }
    };
    visit('index.ts');
    expect([...seen].sort()).toEqual(['credentials.ts', 'dialect.ts', 'index.ts']);
  });
});
