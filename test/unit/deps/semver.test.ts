import { describe, expect, it } from 'vitest';
import { parseConstraints, pickVersion } from '../../../src/deps/semver.js';

describe('hub version ranges (dbt semantics)', () => {
  const available = ['0.9.0', '1.0.0', '1.1.0', '1.1.1', '1.2.0-rc1', '2.0.0'];
  it('picks the highest version meeting every constraint', () => {
    expect(pickVersion(available, parseConstraints(['>=1.0.0', '<2.0.0']), false)).toBe('1.1.1');
    expect(pickVersion(available, parseConstraints('>=1.0.0,<1.1.0'), false)).toBe('1.0.0');
    expect(pickVersion(available, parseConstraints('1.1.0'), false)).toBe('1.1.0');
    expect(pickVersion(available, parseConstraints('>2.0.0'), false)).toBeNull();
  });
  it('skips pre-releases unless asked for or pinned', () => {
    expect(pickVersion(available, parseConstraints(['>1.1.1', '<2.0.0']), false)).toBeNull();
    expect(pickVersion(available, parseConstraints(['>1.1.1', '<2.0.0']), true)).toBe('1.2.0-rc1');
    expect(pickVersion(available, parseConstraints('1.2.0-rc1'), false)).toBe('1.2.0-rc1');
  });
  it('rejects what is not a version', () => {
    expect(() => parseConstraints('>=banana')).toThrow(/not a version range/);
  });
});
