/**
 * Maps a position in rendered SQL back to the template it came from. Rendering keeps no positions,
 * so the template's literal text (everything outside {{ }}, {% %}, {# #}) is aligned, in order,
 * with the rendered text: a position inside aligned text maps exactly; a position in text a tag
 * produced maps to that tag, marked inexact (the caller then also names the compiled file).
 */

interface Block {
  rendered: number;
  raw: number;
  length: number;
  /** Raw offset of the first tag after this literal text. */
  nextTag: number;
}

export interface MappedOffset {
  offset: number;
  exact: boolean;
}

const TAG = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g;
/** A short literal ("), " or ",") is only trusted close to where the previous one ended. */
const SHORT = 8;
const NEAR = 160;

export class SourceMap {
  private readonly blocks: Block[] = [];
  private readonly firstTag: number;

  constructor(raw: string, rendered: string) {
    const segments: { start: number; end: number; nextTag: number }[] = [];
    let last = 0;
    let firstTag = -1;
    for (const m of raw.matchAll(TAG)) {
      if (firstTag < 0) firstTag = m.index;
      segments.push({ start: last, end: m.index, nextTag: m.index });
      last = m.index + m[0].length;
    }
    segments.push({ start: last, end: raw.length, nextTag: raw.length });
    this.firstTag = firstTag < 0 ? raw.length : firstTag;
    let cursor = 0;
    for (const s of segments) {
      // Whitespace control ({%- -%}, trim_blocks) may eat the literal's edges: align the trimmed text.
      const text = raw.slice(s.start, s.end);
      const lead = text.length - text.trimStart().length;
      const core = text.trim();
      if (core === '') continue;
      const at = rendered.indexOf(core, cursor);
      if (at < 0 || (core.length < SHORT && at - cursor > NEAR)) continue;
      this.blocks.push({ rendered: at, raw: s.start + lead, length: core.length, nextTag: s.nextTag });
      cursor = at + core.length;
    }
  }

  /** The raw offset for a rendered offset. */
  map(offset: number): MappedOffset {
    let lo = 0, hi = this.blocks.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.blocks[mid]!.rendered <= offset) (found = mid, lo = mid + 1);
      else hi = mid - 1;
    }
    if (found < 0) return { offset: this.blocks.length === 0 ? 0 : this.firstTag, exact: false };
    const b = this.blocks[found]!;
    if (offset < b.rendered + b.length) return { offset: b.raw + (offset - b.rendered), exact: true };
    return { offset: b.nextTag, exact: false };
  }
}

/** 1-based line and column of an offset. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1, lineStart = 0;
  const end = Math.min(Math.max(0, offset), text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) (line++, lineStart = i + 1);
  return { line, col: end - lineStart + 1 };
}
