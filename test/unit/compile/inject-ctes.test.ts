import { describe, expect, it } from 'vitest';
import { injectCtes } from '../../../src/compile/inject-ctes.js';

const cte = (name: string, sql: string) => ({ id: `model.p.${name}`, name: `__dbt__cte__${name}`, sql });

describe('injectCtes', () => {
  it('returns the SQL unchanged without CTEs', () => {
    expect(injectCtes('select 1', [])).toBe('select 1');
  });

  it('prefixes a with-list to a plain select', () => {
    expect(injectCtes('select * from __dbt__cte__a', [cte('a', 'select 1 as x')])).toBe('with __dbt__cte__a as (\nselect 1 as x\n)\nselect * from __dbt__cte__a');
  });

  it("merges into the model's own with-list, ephemeral CTEs first", () => {
    const sql = '\n-- comment\nWITH o as (select * from __dbt__cte__b)\nselect * from o';
    expect(injectCtes(sql, [cte('a', 'select 1'), cte('b', 'select * from __dbt__cte__a')])).toBe(
      '\n-- comment\nWITH __dbt__cte__a as (\nselect 1\n), __dbt__cte__b as (\nselect * from __dbt__cte__a\n), o as (select * from __dbt__cte__b)\nselect * from o',
    );
  });

  it('keeps `with recursive`', () => {
    expect(injectCtes('with recursive r as (select 1) select * from r', [cte('a', 'select 2')])).toBe('with recursive __dbt__cte__a as (\nselect 2\n), r as (select 1) select * from r');
  });

  it('does not mistake an identifier starting with "with" for the keyword', () => {
    expect(injectCtes('select * from withdrawals', [cte('a', 'select 2')])).toBe('with __dbt__cte__a as (\nselect 2\n)\nselect * from withdrawals');
  });
});
