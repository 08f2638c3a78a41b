import type { SourceLoc } from '../errors/tx-error.js';

/**
 * Finds where a call like ref('orders') appears in the raw text, to point an error at it.
 * Dependencies never come from this scan (they come from rendering); it only places errors.
 */
export function locateCall(raw: string, absPath: string, fn: string, firstArg: string, lastArg?: string): SourceLoc {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const q = `['"]`;
  const pattern = lastArg === undefined
    ? `\\b${fn}\\s*\\(\\s*${q}${esc(firstArg)}${q}`
    : `\\b${fn}\\s*\\(\\s*${q}${esc(firstArg)}${q}\\s*,\\s*${q}${esc(lastArg)}${q}`;
  const m = new RegExp(pattern).exec(raw);
  if (!m) return { file: absPath, line: 0, col: 0 };
  return offsetToLoc(raw, m.index, absPath);
}

export function offsetToLoc(text: string, offset: number, file: string): SourceLoc {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { file, line, col: offset - lineStart + 1 };
}
