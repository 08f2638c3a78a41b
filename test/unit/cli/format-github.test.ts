import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { annotationRoot, githubAnnotation, withGithubAnnotations } from '../../../src/cli/format-github.js';
import { TxError, TxCodes } from '../../../src/errors/tx-error.js';
import type { TxEvent } from '../../../src/events/events.js';

describe('GitHub Actions annotations', () => {
  it('writes ::error with file, line, col and title; escapes data and properties', () => {
    const e = new TxError({ code: TxCodes.ColumnNotFound, message: "column 'nmae' not found: 100%", loc: { file: '/p/models/a,b.sql', line: 2, col: 21 }, hint: "did you mean 'name'?" });
    expect(githubAnnotation(e, '/p')).toBe("::error file=models/a%2Cb.sql,line=2,col=21,title=TX0512::column 'nmae' not found: 100%25%0Ahint: did you mean 'name'?");
  });

  it('writes ::warning for warnings and leaves out an unknown line', () => {
    const w = new TxError({ code: TxCodes.SqlUnsupported, severity: 'warn', message: 'skipped', loc: { file: '/p/models/x.sql', line: 0, col: 0 } });
    expect(githubAnnotation(w, '/p')).toBe('::warning file=models/x.sql,title=TX0511::skipped');
  });

  it('wraps a reporter: events pass through, diagnostics are annotated too', () => {
    const seen: TxEvent[] = [];
    const chunks: string[] = [];
    const out = new Writable({ write(c, _e, cb) { chunks.push(String(c)); cb(); } });
    const r = withGithubAnnotations({ emit: (e) => seen.push(e) }, out, '/p');
    r.emit({ type: 'info', message: 'hi' });
    r.emit({ type: 'diagnostic', error: new TxError({ code: TxCodes.SqlSyntax, message: 'bad' }) });
    expect(seen).toHaveLength(2);
    expect(chunks.join('')).toBe('::error title=TX0510::bad\n');
  });
});

describe('annotation paths are relative to the repository root', () => {
  const e = new TxError({ code: TxCodes.ColumnNotFound, message: 'x', loc: { file: '/repo/analytics/models/a.sql', line: 1, col: 2 } });

  it('GITHUB_WORKSPACE when set', () => {
    const root = annotationRoot({ GITHUB_WORKSPACE: '/repo' }, '/repo/analytics', () => false);
    expect(root).toBe('/repo');
    expect(githubAnnotation(e, root, '/repo/analytics')).toBe('::error file=analytics/models/a.sql,line=1,col=2,title=TX0512::x');
  });

  it('else the enclosing git checkout (a .git directory or a worktree\'s .git file), else the current directory', () => {
    expect(annotationRoot({}, '/repo/analytics/models', (p) => p === '/repo/.git')).toBe('/repo');
    expect(annotationRoot({ GITHUB_WORKSPACE: '' }, '/somewhere/else', () => false)).toBe('/somewhere/else');
  });

  it('a relative location is taken from the current directory first', () => {
    const rel = new TxError({ code: TxCodes.ColumnNotFound, message: 'x', loc: { file: 'models/a.sql', line: 1, col: 2 } });
    expect(githubAnnotation(rel, '/repo', '/repo/analytics')).toBe('::error file=analytics/models/a.sql,line=1,col=2,title=TX0512::x');
  });
});
