import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { githubAnnotation, withGithubAnnotations } from '../../../src/cli/format-github.js';
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
