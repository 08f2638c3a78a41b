/**
 * nunjucks reports failures as TemplateError ("(unknown path) [Line 3, Column 5]" prefixes,
 * `.lineno/.colno`, the original error in `.cause`). This turns them into positioned TxErrors
 * and keeps the code of a TxError raised by a scope function (ref not found, env var missing).
 */
import { relative, isAbsolute } from 'node:path';
import { TxCodes, TxError, isTxError, type SourceLoc, type TxCode } from '../errors/tx-error.js';
import { ReturnSignal } from './core-globals.js';

interface NjTemplateError extends Error {
  lineno?: number;
  colno?: number;
  cause?: unknown;
}

/** Return a TxError with `loc` set, unless it already has a line (a loc without one only names the file). */
export function withLoc(e: TxError, loc: SourceLoc): TxError {
  if (e.loc && e.loc.line > 0) return e;
  return new TxError({ code: e.code, message: e.message, loc, hint: e.hint, cause: e.cause ?? e, severity: e.severity });
}

/** `file:line:col`, the file relative to the working directory when it is inside it. */
export function formatLoc(loc: SourceLoc): string {
  const rel = relative(process.cwd(), loc.file);
  const file = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : loc.file;
  return `${file}:${loc.line}:${loc.col}`;
}

function samePlace(a: SourceLoc, b: SourceLoc): boolean {
  return a.file === b.file && a.line === b.line && a.col === b.col;
}

/**
 * An error leaving a template frame (a macro body, or a template's root) at `loc`: the
 * innermost frame gives it its position; each outer frame adds "called from <loc>" to the hint.
 */
export function addCallSite(e: TxError, loc: SourceLoc): TxError {
  if (!e.loc || e.loc.line <= 0) return withLoc(e, loc);
  if (samePlace(e.loc, loc)) return e;
  const site = `called from ${formatLoc(loc)}`;
  const hint = e.hint ? `${e.hint}; ${site}` : site;
  return new TxError({ code: e.code, message: e.message, loc: e.loc, hint, cause: e.cause ?? e, severity: e.severity });
}

/** The macro-body catch: nunjucks' 0-based position in `file`. */
export function callChainHint(e: unknown, file: string, lineno: number, colno: number): TxError {
  const loc: SourceLoc = { file, line: lineno + 1, col: Math.max(1, colno + 1) };
  if (isTxError(e)) return addCallSite(e, loc);
  return toTxError(e, file, 'render', loc);
}

/** Strip nunjucks' "(path) [Line x, Column y]\n  " prefix and "Error: " wrapper. */
function cleanMessage(msg: string): string {
  return msg
    .replace(/^\([^)\n]*\)(?: \[Line \d+, Column \d+\])?\n\s*/, '')
    .replace(/^(Template render error: )+/, '')
    .replace(/^(Error|TypeError|RangeError|ReferenceError): /, '');
}

/**
 * `phase` decides the code for non-TxError failures and the line convention:
 * the parser reports 1-based positions, compiled templates track 0-based ones.
 */
export function toTxError(e: unknown, file: string, phase: 'syntax' | 'render', fallbackLoc?: SourceLoc): TxError {
  if (isTxError(e)) return fallbackLoc ? withLoc(e, fallbackLoc) : e;
  if (phase === 'syntax' && typeof (e as NjTemplateError)?.lineno !== 'number' && /end of file/i.test(String((e as Error)?.message))) {
    const m = /parse(\w+): expected (.*?),? got end of file/i.exec((e as Error).message);
    const message = m ? `{% ${m[1]!.toLowerCase()} %} is not closed: expected ${m[2]} before the end of the file` : `${cleanMessage((e as Error).message)}: a block tag is not closed`;
    return new TxError({ code: TxCodes.TemplateSyntax, message, loc: fallbackLoc, hint: 'close every {% if %}, {% for %}, {% macro %} with its {% end... %} tag' });
  }
  const err = e as NjTemplateError;
  const offset = phase === 'render' ? 1 : 0;
  const hasPos = typeof err?.lineno === 'number';
  const loc: SourceLoc | undefined = hasPos
    ? { file, line: (err.lineno ?? 0) + offset, col: Math.max(1, (err.colno ?? 0) + offset) }
    : fallbackLoc;
  const cause = err?.cause;
  if (isTxError(cause)) return loc ? addCallSite(cause, loc) : cause;
  if (cause instanceof ReturnSignal) {
    return new TxError({ code: TxCodes.TemplateRender, message: 'return() called outside of a macro', loc });
  }
  const code: TxCode = phase === 'syntax' ? TxCodes.TemplateSyntax : TxCodes.TemplateRender;
  const raw = cause instanceof Error ? cause.message : e instanceof Error ? e.message : String(e);
  return new TxError({ code, message: cleanMessage(raw), loc, cause: cause ?? e });
}
