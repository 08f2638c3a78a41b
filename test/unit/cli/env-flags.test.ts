import { describe, expect, it } from 'vitest';
import { envFlags } from '../../../src/cli/env-flags.js';

const none = () => false;

describe("dbt's DBT_* environment variables for flags", () => {
  it('reads booleans, choices and lists as click does', () => {
    expect(envFlags({ DBT_FAIL_FAST: 'yes', DBT_FULL_REFRESH: '0', DBT_STORE_FAILURES: 'T', DBT_WARN_ERROR: 'on' }, none))
      .toEqual({ 'fail-fast': true, 'full-refresh': false, 'store-failures': true, 'warn-error': true });
    expect(envFlags({ DBT_INDIRECT_SELECTION: 'Cautious', DBT_EXCLUDE_RESOURCE_TYPES: 'unit_test  test', DBT_WARN_ERROR_OPTIONS: '{"error": "all"}' }, none))
      .toEqual({ 'indirect-selection': 'cautious', 'exclude-resource-type': ['unit_test', 'test'], 'warn-error-options': '{"error": "all"}' });
  });

  it('prefers DBT_ENGINE_* (dbt 1.11), ignores empty values and flags given on the command line', () => {
    expect(envFlags({ DBT_ENGINE_FAIL_FAST: 'false', DBT_FAIL_FAST: 'true' }, none)).toEqual({ 'fail-fast': false });
    expect(envFlags({ DBT_FAIL_FAST: '', DBT_STATE: 'prod' }, none)).toEqual({ state: 'prod' });
    expect(envFlags({ DBT_FAIL_FAST: 'true', DBT_STATE: 'prod' }, (f) => f === 'fail-fast')).toEqual({ state: 'prod' });
  });

  it('has no DBT_THREADS (dbt reads --threads from the command line only) and rejects bad values', () => {
    expect(envFlags({ DBT_THREADS: '8' }, none)).toEqual({});
    expect(() => envFlags({ DBT_INDIRECT_SELECTION: 'lazy' }, none)).toThrow("Invalid value for '--indirect-selection' (from DBT_INDIRECT_SELECTION): 'lazy' is not one of eager, cautious, buildable, empty");
    expect(() => envFlags({ DBT_EXCLUDE_RESOURCE_TYPES: 'unit_tests' }, none)).toThrow(/is not a list of/);
  });
});
