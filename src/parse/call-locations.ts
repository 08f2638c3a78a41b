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

/**
 * Sets `ref_locs` / `source_locs` as lazy properties: they are only read to place an error,
 * so the text scan is paid for the rare node that has one, not for all 10,000.
 */
export function defineLazyCallLocs(
  node: { ref_locs: SourceLoc[]; source_locs: SourceLoc[] },
  raw: string,
  absPath: string,
  refs: readonly { name: string; package: string | null }[],
  sources: readonly [string, string][],
): void {
  const lazy = (key: 'ref_locs' | 'source_locs', compute: () => SourceLoc[]) => {
    let memo: SourceLoc[] | undefined;
    Object.defineProperty(node, key, {
      enumerable: true,
      configurable: true,
      get: () => (memo ??= compute()),
      set: (v: SourceLoc[]) => (memo = v),
    });
  };
  lazy('ref_locs', () => refs.map((r) => (r.package === null ? locateCall(raw, absPath, 'ref', r.name) : locateCall(raw, absPath, 'ref', r.package, r.name))));
  lazy('source_locs', () => sources.map(([s, t]) => locateCall(raw, absPath, 'source', s, t)));
}
