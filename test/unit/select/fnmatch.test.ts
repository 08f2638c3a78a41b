import { describe, expect, it } from 'vitest';
import { compileFnmatch } from '../../../src/select/fnmatch.js';
import { compilePathGlob } from '../../../src/select/path-glob.js';

describe('fnmatch (Python semantics)', () => {
  it('handles *, ?, classes and literal regex characters', () => {
    expect(compileFnmatch('*')('a.b/c')).toBe(true);
    expect(compileFnmatch('a?c')('abc')).toBe(true);
    expect(compileFnmatch('a?c')('ac')).toBe(false);
    expect(compileFnmatch('[ab]x')('bx')).toBe(true);
    expect(compileFnmatch('[!ab]x')('bx')).toBe(false);
    expect(compileFnmatch('a.b')('axb')).toBe(false);
    expect(compileFnmatch('a[b')('a[b')).toBe(true);
    expect(compileFnmatch('(x)+')('(x)+')).toBe(true);
  });
});

describe('path globs (pathlib semantics)', () => {
  it('matches a file or any folder above it; * stays within a segment', () => {
    expect(compilePathGlob('models')('models/a/b.sql')).toBe(true);
    expect(compilePathGlob('models/*')('models/a/b.sql')).toBe(true);
    expect(compilePathGlob('models/*.sql')('models/a/b.sql')).toBe(false);
    expect(compilePathGlob('models/**/*.sql')('models/a/b.sql')).toBe(true);
    expect(compilePathGlob('models/**/*.sql')('models/b.sql')).toBe(true);
    expect(compilePathGlob('models\\a')('models/a/b.sql')).toBe(true);
    expect(compilePathGlob('mod')('models/a.sql')).toBe(false);
  });
});
