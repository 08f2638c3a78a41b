/**
 * Names the construct a parser could not handle, for "static analysis skipped" warnings: the
 * statement's kind (MERGE, INSERT, PIVOT) or the word where the parser stopped.
 */

/** Offset of the first token, past whitespace and comments. */
export function firstToken(sql: string, from = 0): number {
  let i = from;
  for (;;) {
    while (i < sql.length && /\s/.test(sql[i]!)) i++;
    if (sql.startsWith('--', i)) {
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? sql.length : nl + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else return i;
  }
}

/** The word (or single symbol) at an offset: `QUALIFY`, `::`, `=>`. */
export function wordAt(sql: string, at: number): string {
  const i = firstToken(sql, Math.max(0, at));
  const m = /^(?:[A-Za-z_][A-Za-z0-9_$]*|::|=>|->|[^\sA-Za-z0-9_])/.exec(sql.slice(i, i + 64));
  if (!m) return 'end of input';
  return /^[A-Za-z_]/.test(m[0]) ? m[0].toUpperCase() : m[0];
}

/** What kind of statement a SQL text holds, when it is not a plain query. */
export function statementKind(sql: string): string {
  if (/\bunpivot\b/i.test(sql)) return 'UNPIVOT';
  if (/\bpivot\b/i.test(sql)) return 'PIVOT';
  const first = wordAt(sql, 0);
  return first === 'WITH' || first === 'SELECT' || first === 'FROM' || first === '(' ? 'this query' : `a ${first} statement`;
}
