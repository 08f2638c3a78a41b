/** `{% docs name %}...{% enddocs %}` blocks of a markdown file, read without rendering (as dbt does). */
import { TxCodes, TxError } from '../errors/tx-error.js';

export interface DocBlock {
  name: string;
  contents: string;
  line: number;
}

const TAG = /\{%-?\s*(docs|enddocs)\b\s*([^%]*?)\s*-?%\}/g;

function lineOf(src: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset; i++) if (src.charCodeAt(i) === 10) n++;
  return n;
}

export function extractDocBlocks(source: string, absPath: string): DocBlock[] {
  const out: DocBlock[] = [];
  let open: { name: string; bodyStart: number; offset: number } | undefined;
  for (const m of source.matchAll(TAG)) {
    const offset = m.index ?? 0;
    if (m[1] === 'docs') {
      if (open) {
        throw new TxError({ code: TxCodes.TemplateSyntax, message: `docs block '${open.name}' is not closed before the next docs block`, loc: { file: absPath, line: lineOf(source, offset), col: 1 } });
      }
      const name = (m[2] ?? '').trim();
      if (!/^\w+$/.test(name)) {
        throw new TxError({ code: TxCodes.TemplateSyntax, message: `invalid docs block name '${name}'`, loc: { file: absPath, line: lineOf(source, offset), col: 1 } });
      }
      open = { name, bodyStart: offset + m[0].length, offset };
    } else {
      if (!open) {
        throw new TxError({ code: TxCodes.TemplateSyntax, message: 'enddocs without a matching docs block', loc: { file: absPath, line: lineOf(source, offset), col: 1 } });
      }
      out.push({ name: open.name, contents: source.slice(open.bodyStart, offset).trim(), line: lineOf(source, open.offset) });
      open = undefined;
    }
  }
  if (open) {
    const line = lineOf(source, open.offset);
    throw new TxError({ code: TxCodes.TemplateSyntax, message: `docs block '${open.name}' is never closed (missing {% enddocs %})`, loc: { file: absPath, line, col: source.split('\n')[line - 1]!.indexOf('{%') + 1 } });
  }
  return out;
}
