import { describe, expect, it } from 'vitest';
import { isNotSingularTest } from '../../../src/parse/parse-project.js';

describe('singular test files', () => {
  it('skips generic/ and fixtures/ under a test path, as dbt does', () => {
    expect(isNotSingularTest('generic/is_positive.sql')).toBe(true);
    expect(isNotSingularTest('fixtures/one_customer.sql')).toBe(true);
    expect(isNotSingularTest('fixtures/nested/rows.sql')).toBe(true);
    expect(isNotSingularTest('assert_no_big_orders.sql')).toBe(false);
    expect(isNotSingularTest('fixtures.sql')).toBe(false);
    expect(isNotSingularTest('checks/fixtures/x.sql')).toBe(false);
  });
});
