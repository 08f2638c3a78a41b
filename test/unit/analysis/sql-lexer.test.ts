/** The tokenizer behind construct names, certain syntax errors and Postgres positions: each dialect's comments, strings and quotes. */
import { describe, expect, it } from 'vitest';
import { lexSql } from '../../../src/analysis/sql-lexer.js';
import { certainSyntaxError } from '../../../src/analysis/certain-syntax.js';
import { nameRejected } from '../../../src/analysis/construct-name.js';

const texts = (sql: string, d: string): string[] => lexSql(sql, d).tokens.map((t) => t.text);

describe('lexSql', () => {
  it('words, quoted identifiers, numbers, parameters and multi-character operators', () => {
    expect(texts('select "My Col", a.b::int, x->>\'k\', $1, @p, 1.5e3 from t where a <> b', 'postgresql')).toEqual([
      'select', 'My Col', ',', 'a', '.', 'b', '::', 'int', ',', 'x', '->>', "'k'", ',', '$1', ',', '@p', ',', '1.5e3', 'from', 't', 'where', 'a', '<>', 'b',
    ]);
  });

  it("each dialect's comments", () => {
    expect(texts('a -- x (\nb /* ( /* ) */ ) */ c', 'postgresql')).toEqual(['a', 'b', 'c']);
    expect(texts('a // x (\nb /* ( */ c', 'snowflake')).toEqual(['a', 'b', 'c']);
    expect(texts('a # x (\nb', 'bigquery')).toEqual(['a', 'b']);
    expect(texts('a # b', 'postgresql')).toEqual(['a', '#', 'b']);
  });

  it("each dialect's strings", () => {
    expect(texts("'it''s' e'a\\'b' $$ ( $$ $t$ x $t$", 'postgresql')).toEqual(["'it''s'", "e'a\\'b'", '$$ ( $$', '$t$ x $t$']);
    expect(lexSql("'a\\'b'", 'postgresql').error?.message).toBe('a string literal is never closed');
    expect(texts("'a\\'b' $$ ( $$", 'snowflake')).toEqual(["'a\\'b'", '$$ ( $$']);
    expect(texts("\"it's\" `p.d.t` '''a ' b''' r'\\d'", 'bigquery')).toEqual(['"it\'s"', 'p.d.t', "'''a ' b'''", 'r', "'\\d'"]);
  });
});

describe('certainSyntaxError', () => {
  const err = (sql: string, d = 'postgresql') => certainSyntaxError(lexSql(sql, d), d);

  it('says nothing of balanced, well-formed SQL, whatever its constructs', () => {
    expect(err("select [1, (2)], {'a': f(x => 1)} from t where a >= 1 and b = -1 and c <> d")).toBeUndefined();
    expect(err('select cast(x as array<struct<a int64>>) = y from t', 'bigquery')).toBeUndefined();
    expect(err('select a, from t', 'snowflake')).toBeUndefined();
    expect(err('select a, from t', 'bigquery')).toBeUndefined();
  });

  it('unclosed and mismatched brackets, doubled operators and commas, unterminated text', () => {
    expect(err('select (a from t')).toEqual({ message: "'(' is never closed", at: 7 });
    expect(err('select a) from t')).toEqual({ message: "')' closes nothing", at: 8 });
    expect(err('select a where b = = 1')?.at).toBe(19);
    expect(err('select a,, b')?.message).toContain('two commas in a row');
    expect(err('select a, from t')?.message).toContain('a trailing comma before FROM');
    expect(err('select "a from t')?.message).toBe('a "quoted" identifier is never closed');
  });
});

describe('nameRejected', () => {
  const name = (sql: string, at: number, d: string) => nameRejected(lexSql(sql, d).tokens, at, d);

  it('the construct nearest before where the grammar stopped, or the call it stopped inside', () => {
    expect(name('select id from t qualify row_number() over () = 1', 25, 'bigquery')).toEqual({ name: 'QUALIFY', at: 17 });
    expect(name('select f.value from t, lateral flatten(input => t.a) f', 46, 'postgresql')).toEqual({ name: 'FLATTEN', at: 31 });
    expect(name('merge into t using s on t.id = s.id', 6, 'snowflake')).toEqual({ name: 'a MERGE statement', at: 0 });
  });

  it('else the word it stopped at, a type in a cast named as such', () => {
    expect(name('select cast(a as varchar) from t', 17, 'bigquery')).toEqual({ name: 'the type VARCHAR', at: 17 });
    expect(name('select a foo bar from t', 13, 'postgresql')).toEqual({ name: "'BAR'", at: 13 });
  });
});
