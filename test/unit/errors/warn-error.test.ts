import { describe, expect, it } from 'vitest';
import { Diagnostics, PhaseFailed } from '../../../src/errors/diagnostics.js';
import { TxCodes } from '../../../src/errors/tx-error.js';
import { parseWarnErrorOptions, promotes, warningNames } from '../../../src/errors/warn-error.js';

describe('Diagnostics with --warn-error', () => {
  it('collects warnings as errors, so the gate fails', () => {
    const d = new Diagnostics(true);
    d.add({ code: TxCodes.HardCodedRelation, severity: 'warn', message: 'use ref', loc: { file: 'x', line: 1, col: 2 }, hint: 'h' });
    expect(d.errors.map((e) => [e.code, e.message, e.hint, e.loc?.line])).toEqual([['TX0516', 'use ref', 'h', 1]]);
    expect(() => d.gate('compile')).toThrow(PhaseFailed);
  });

  it('keeps warnings as warnings by default', () => {
    const d = new Diagnostics();
    d.add({ code: TxCodes.HardCodedRelation, severity: 'warn', message: 'use ref' });
    expect(() => d.gate('compile')).not.toThrow();
    expect(d.warnings).toHaveLength(1);
  });
});

describe('--warn-error-options', () => {
  it('parses dbt 1.8 (error/warn) and older (include/exclude) spellings', () => {
    expect(parseWarnErrorOptions('{"include": ["LogTestResult"]}')).toEqual({ error: ['LogTestResult'], warn: [] });
    expect(parseWarnErrorOptions('{error: all, warn: [NoNodesForSelectionCriteria]}')).toEqual({ error: 'all', warn: ['NoNodesForSelectionCriteria'] });
    expect(parseWarnErrorOptions('{"include": "*"}')).toEqual({ error: 'all', warn: [] });
    expect(parseWarnErrorOptions('')).toEqual({ error: [], warn: [] });
    expect(() => parseWarnErrorOptions('{"include": [1], "error": []}')).toThrow(/only one of 'error' and 'include'/);
    expect(() => parseWarnErrorOptions('{"errors": "all"}')).toThrow(/unknown key 'errors'/);
    expect(() => parseWarnErrorOptions('[1]')).toThrow(/expected a mapping/);
  });

  it('promotes by dbt event name or TX code, all but the excluded with "all"', () => {
    const opts = parseWarnErrorOptions('{error: all, warn: [LogTestResult]}');
    expect(promotes(false, opts, ['LogTestResult'])).toBe(false);
    expect(promotes(false, opts, warningNames(TxCodes.ModelDeprecated))).toBe(true);
    const some = parseWarnErrorOptions('{error: [DeprecatedModel, TX0516]}');
    expect(promotes(false, some, warningNames(TxCodes.ModelDeprecated))).toBe(true);
    expect(promotes(false, some, warningNames(TxCodes.HardCodedRelation))).toBe(true);
    expect(promotes(false, some, warningNames(TxCodes.SelectorUnknown))).toBe(false);
    expect(promotes(true, undefined, ['anything'])).toBe(true);
    expect(promotes(false, undefined, ['LogTestResult'])).toBe(false);
  });

  it('Diagnostics promote warning by warning', () => {
    const some = parseWarnErrorOptions('{error: [NoNodesForSelectionCriteria]}');
    const d = new Diagnostics((w) => promotes(false, some, warningNames(w.code)));
    d.add({ code: TxCodes.SelectorUnknown, severity: 'warn', message: 'matches nothing' });
    d.add({ code: TxCodes.HardCodedRelation, severity: 'warn', message: 'use ref' });
    expect(d.errors.map((e) => e.code)).toEqual(['TX0403']);
    expect(d.warnings.map((e) => e.code)).toEqual(['TX0516']);
  });
});
