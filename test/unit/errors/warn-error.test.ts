import { describe, expect, it } from 'vitest';
import { Diagnostics, PhaseFailed } from '../../../src/errors/diagnostics.js';
import { TxCodes } from '../../../src/errors/tx-error.js';

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
