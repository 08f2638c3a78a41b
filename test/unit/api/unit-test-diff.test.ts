import { describe, expect, it } from 'vitest';
import { diffRows } from '../../../src/api/unit-test-diff.js';

describe('unit test row diff', () => {
  it('ignores row order and treats rows as a multiset', () => {
    expect(diffRows(['a'], [[1], [2], [2]], [[2], [1], [2]]).equal).toBe(true);
    expect(diffRows(['a'], [[1], [2], [2]], [[2], [1]]).equal).toBe(false);
  });

  it('shows missing, unexpected and changed rows cell by cell', () => {
    const d = diffRows(['id', 'name', 'total'], [[1, 'a', 10], [2, 'b', 20], [3, 'c', 30]], [[1, 'a', 10], [2, 'B', 20], [4, 'd', 40n]]);
    expect(d.equal).toBe(false);
    expect(d.differing).toBe(3);
    expect(d.text).toBe(
      [
        'actual differs from expected (2 expected rows not returned, 2 unexpected rows returned):',
        '',
        '@@  | id | name | total',
        '→   | 2  | b→B  | 20',
        '--- | 3  | c    | 30',
        '+++ | 4  | d    | 40',
      ].join('\n'),
    );
  });

  it('prints nulls and dates readably', () => {
    const d = diffRows(['d', 'x'], [[new Date(Date.UTC(2024, 0, 2)), null]], [[new Date(Date.UTC(2024, 0, 2)), 1]]);
    expect(d.text).toContain('2024-01-02T00:00:00.000Z | null→1');
  });
});
