import { readFileSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import type { TxError } from './tx-error.js';

export interface FormatOptions {
  cwd: string;
  color: boolean;
  /** Cache of file contents so many diagnostics in one file read it once. */
  readFile?: (path: string) => string | undefined;
}

function defaultRead(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function displayPath(file: string, cwd: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return rel.startsWith('..') ? file : rel;
}

/**
 * `models/orders.sql:12:5: error TX0301: ref('cutomers') not found`
 * followed by the source line with a caret, then the hint.
 */
export function formatDiagnostic(e: TxError, opts: FormatOptions): string {
  const red = (s: string) => (opts.color ? `\x1b[31m${s}\x1b[0m` : s);
  const yellow = (s: string) => (opts.color ? `\x1b[33m${s}\x1b[0m` : s);
  const dim = (s: string) => (opts.color ? `\x1b[2m${s}\x1b[0m` : s);
  const sev = e.severity === 'warn' ? yellow('warning') : red('error');
  const where = e.loc
    ? `${displayPath(e.loc.file, opts.cwd)}${e.loc.line > 0 ? `:${e.loc.line}${e.loc.col > 0 ? `:${e.loc.col}` : ''}` : ''}: `
    : '';
  const lines = [`${where}${sev} ${e.code}: ${e.message}`];
  if (e.loc && e.loc.line > 0) {
    const text = (opts.readFile ?? defaultRead)(e.loc.file);
    const src = text?.split(/\r?\n/)[e.loc.line - 1];
    if (src !== undefined) {
      const num = String(e.loc.line);
      lines.push(dim(`  ${num} | `) + src);
      if (e.loc.col > 0) lines.push(dim(`  ${' '.repeat(num.length)} | `) + ' '.repeat(e.loc.col - 1) + red('^'));
    }
  }
  if (e.hint) lines.push(`  hint: ${e.hint}`);
  return lines.join('\n');
}
