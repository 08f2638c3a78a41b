import { describe, expect, it } from 'vitest';
import { synthesizeTestNames, testHash } from '../../../src/parse/test-names.js';
import { parseTestDefinition } from '../../../src/parse/test-definition.js';
import { isTxError } from '../../../src/errors/tx-error.js';

const loc = { file: 'models/schema.yml', line: 3, col: 7 };

describe('generic test names (dbt compatible)', () => {
  it('synthesizes names from sorted, flattened, cleaned arguments', () => {
    const model = "{{ get_where_subquery(ref('orders')) }}";
    expect(synthesizeTestNames('accepted_values', 'orders', { model, column_name: 'status', values: ['placed', 'shipped'] }).full)
      .toBe('accepted_values_orders_status__placed__shipped');
    expect(synthesizeTestNames('relationships', 'orders', { model, column_name: 'customer_id', to: "ref('customers')", field: 'id' }).full)
      .toBe('relationships_orders_customer_id__id__ref_customers_');
    expect(synthesizeTestNames('accepted_values', 't', { model, column_name: 'c', quote: false, values: [0, 1] }).full).toBe('accepted_values_t_c__False__0__1');
  });

  it('shortens names of 64+ characters to 30 characters plus an md5', () => {
    const names = synthesizeTestNames('accepted_values', 'a_rather_long_model_name', { column_name: 'status', values: ['one', 'two', 'three', 'four'] });
    expect(names.full).toBe('accepted_values_a_rather_long_model_name_status__one__two__three__four');
    expect(names.short).toMatch(/^accepted_values_a_rather_long__[0-9a-f]{32}$/);
  });

  it('hashes unique_ids as dbt does (values checked against Python/dbt)', () => {
    // jaffle_shop's test.jaffle_shop.unique_customers_customer_id.c5af1ff4b1
    expect(testHash('unique_customers_customer_id', { name: 'unique', namespace: null, kwargs: { column_name: 'customer_id', model: "{{ get_where_subquery(ref('customers')) }}" } })).toBe('c5af1ff4b1');
    expect(testHash('accepted_values_orders_status__placed__shipped', {
      name: 'accepted_values', namespace: null,
      kwargs: { values: ['placed', 'shipped'], column_name: 'status', model: "{{ get_where_subquery(ref('orders')) }}" },
    })).toBe('7de09bf3cd');
  });
});

describe('test definitions in YAML', () => {
  it('accepts a bare name, inline arguments, arguments: and config:', () => {
    expect(parseTestDefinition('unique', 'id', loc)).toMatchObject({ name: 'unique', namespace: null, args: { column_name: 'id' }, config: {} });
    const av = parseTestDefinition({ accepted_values: { values: ['a'], severity: 'warn', config: { where: 'x > 1' } } }, 'c', loc);
    expect(av).toMatchObject({ args: { values: ['a'], column_name: 'c' }, config: { severity: 'warn', where: 'x > 1' } });
    const v110 = parseTestDefinition({ accepted_values: { arguments: { values: ['a'] }, config: { severity: 'warn' } } }, 'c', loc);
    expect(v110.args).toEqual({ values: ['a'], column_name: 'c' });
    expect(parseTestDefinition({ 'dbt_utils.expression_is_true': { expression: 'a > 0' } }, null, loc)).toMatchObject({ name: 'expression_is_true', namespace: 'dbt_utils' });
    expect(parseTestDefinition({ test_name: 'unique', name: 'my_unique' }, 'id', loc)).toMatchObject({ name: 'unique', customName: 'my_unique', args: { column_name: 'id' } });
  });

  it('rejects malformed entries with a positioned error', () => {
    const err = (() => {
      try {
        parseTestDefinition({ unique: {}, not_null: {} }, 'id', loc);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(isTxError(err) && err.code).toBe('TX0801');
    expect(isTxError(err) && err.loc).toEqual(loc);
    expect(() => parseTestDefinition({ unique: { model: 'x' } }, 'id', loc)).toThrow(/must not set the 'model' argument/);
    expect(() => parseTestDefinition({ unique: { severity: 'warn', config: { severity: 'error' } } }, 'id', loc)).toThrow(/both beside its arguments and under config/);
  });
});
