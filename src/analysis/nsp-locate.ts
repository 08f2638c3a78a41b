/**
 * Positions node-sql-parser leaves out: its postgresql grammar gives no location for table
 * references and select-list items, so TX0516 and TX0515 would have no line. This finds them
 * in the SQL text instead, through the tokens (strings and comments never match). The converter
 * asks in text order (items, then FROM, then the later clauses), so each kind of search resumes
 * after its last hit: the second `orders` in the text answers the second reference to it.
 */
import type { Token } from './sql-lexer.js';
import { lexSql } from './sql-lexer.js';

const ITEM_STARTERS = new Set(['SELECT', 'DISTINCT', 'ALL']);

export class TextLocator {
  private toks: Token[] | undefined;
  private tableCursor = 0;
  private itemCursor = 0;

  constructor(
    private readonly sql: string,
    private readonly dialect: string,
  ) {}

  private tokens(): Token[] {
    this.toks ??= lexSql(this.sql, this.dialect).tokens;
    return this.toks;
  }

  /** Offset of the next reference to the relation `parts` (`db.schema.t`, `"schema"."t"`), or -1. */
  table(parts: readonly string[]): number {
    const want = parts.map((p) => p.toLowerCase());
    const toks = this.tokens();
    for (let i = this.tableCursor; i < toks.length; i++) {
      const name = this.dotted(i);
      if (!name || !sameParts(name.parts, want)) continue;
      const after = toks[name.next];
      if (after?.kind === 'op' && after.text === '(') continue;
      this.tableCursor = name.next;
      return toks[i]!.start;
    }
    return -1;
  }

  /**
   * Offset where the next select item starts: the item aliased `alias`, else the one that is
   * the column `column` (its qualified parts); -1 when neither is found.
   */
  item(alias: string | null, column: readonly string[] | null): number {
    const toks = this.tokens();
    for (let i = this.itemCursor; i < toks.length; i++) {
      const t = toks[i]!;
      let hit = -1;
      if (alias !== null && isIdent(t) && t.text.toLowerCase() === alias.toLowerCase() && toks[i - 1]?.up === 'AS') hit = i - 1;
      else if (alias === null && column !== null) {
        const name = this.dotted(i);
        if (name && sameParts(name.parts, column.map((c) => c.toLowerCase()))) hit = i;
      }
      if (hit < 0) continue;
      const start = itemStart(toks, hit);
      // The next item starts after this one's start (not after its alias: a subquery inside it comes first).
      this.itemCursor = start + 1;
      return toks[start]!.start;
    }
    return -1;
  }

  /** The dotted name starting at token i (not in the middle of one), its parts lower-cased. */
  private dotted(i: number): { parts: string[]; next: number } | undefined {
    const toks = this.tokens();
    const prev = toks[i - 1];
    if (!isIdent(toks[i]) || (prev?.kind === 'op' && prev.text === '.')) return undefined;
    const parts: string[] = [];
    let j = i;
    for (;;) {
      const t = toks[j]!;
      // BigQuery's `project.dataset.table` is one quoted token.
      parts.push(...(t.kind === 'quoted' && this.dialect === 'bigquery' ? t.text.split('.') : [t.text]).map((p) => p.toLowerCase()));
      const dot = toks[j + 1];
      if (dot?.kind === 'op' && dot.text === '.' && isIdent(toks[j + 2])) j += 2;
      else return { parts, next: j + 1 };
    }
  }
}

const isIdent = (t: Token | undefined): t is Token => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');

function sameParts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((p, k) => p === b[k]);
}

/** Back from token i to the start of its select item: after the `,` or SELECT at its own depth. */
function itemStart(toks: readonly Token[], i: number): number {
  let depth = 0;
  for (let j = i - 1; j >= 0; j--) {
    const t = toks[j]!;
    if (t.kind === 'op' && (t.text === ')' || t.text === ']')) depth++;
    else if (t.kind === 'op' && (t.text === '(' || t.text === '[')) {
      if (depth === 0) return j + 1;
      depth--;
    } else if (depth === 0 && ((t.kind === 'op' && t.text === ',') || (t.kind === 'word' && ITEM_STARTERS.has(t.up)))) return j + 1;
  }
  return 0;
}
