/**
 * A small SQL tokenizer for the node-sql-parser dialects (Postgres, Snowflake, BigQuery), used
 * where the grammar gives no answer: to name the construct it rejected, to tell a certain syntax
 * error from a gap in the grammar, and to find identifiers the grammar gave no position for.
 * It knows each dialect's comments, strings and quoted identifiers, nothing of the grammar.
 */

export interface Token {
  kind: 'word' | 'quoted' | 'string' | 'number' | 'param' | 'op';
  /** The source text (a quoted identifier's name without its quotes). */
  text: string;
  /** Upper-cased text of a word (keywords compare on it); the text otherwise. */
  up: string;
  start: number;
  end: number;
}

export interface Lexed {
  tokens: Token[];
  /** An unterminated string, quoted identifier or comment: certainly a syntax error. */
  error?: { message: string; at: number };
}

interface Rules {
  /** `#` starts a line comment (BigQuery). */
  hashComment: boolean;
  /** `//` starts a line comment (Snowflake). */
  slashComment: boolean;
  /** Block comments nest (Postgres). */
  nestedComments: boolean;
  /** `"…"` is a string (BigQuery), not an identifier. */
  doubleQuoteString: boolean;
  /** Backslash escapes in '…' (BigQuery, Snowflake). */
  backslash: boolean;
  /** `$$…$$` / `$tag$…$tag$` strings (Postgres, Snowflake). */
  dollarStrings: boolean;
}

const RULES: Record<string, Rules> = {
  bigquery: { hashComment: true, slashComment: false, nestedComments: false, doubleQuoteString: true, backslash: true, dollarStrings: false },
  snowflake: { hashComment: false, slashComment: true, nestedComments: false, doubleQuoteString: false, backslash: true, dollarStrings: true },
  postgresql: { hashComment: false, slashComment: false, nestedComments: true, doubleQuoteString: false, backslash: false, dollarStrings: true },
};

/** Multi-character operators, longest first (maximal munch). */
const OPERATORS = ['->>', '#>>', '!~*', '::', '=>', '->', '#>', '<=', '>=', '<>', '!=', '==', '||', '<<', '>>', '@>', '<@', '&&', '!~', '~*', '?|', '?&', '**', '//'];

const isWordStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128;
const isWordPart = (c: number): boolean => isWordStart(c) || (c >= 48 && c <= 57) || c === 36;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

export function lexSql(sql: string, dialect: string): Lexed {
  const r = RULES[dialect] ?? RULES['postgresql']!;
  const tokens: Token[] = [];
  const n = sql.length;
  let i = 0;
  const push = (kind: Token['kind'], start: number, end: number, text = sql.slice(start, end)): void => {
    tokens.push({ kind, text, up: kind === 'word' ? text.toUpperCase() : text, start, end });
  };
  /** End of a quoted run opened at `start` by `q` (a doubled `q` escapes it; so does a backslash when `bs`), or -1. */
  const closeQuote = (start: number, q: string, bs: boolean): number => {
    for (let j = start + 1; j < n; j++) {
      const c = sql[j];
      if (bs && c === '\\') j++;
      else if (c === q) {
        if (sql[j + 1] !== q) return j + 1;
        j++;
      }
    }
    return -1;
  };
  while (i < n) {
    const c = sql.charCodeAt(i);
    const ch = sql[i]!;
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) {
      i++;
      continue;
    }
    // Comments.
    if ((ch === '-' && sql[i + 1] === '-') || (r.hashComment && ch === '#') || (r.slashComment && ch === '/' && sql[i + 1] === '/')) {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    if (ch === '/' && sql[i + 1] === '*') {
      let depth = 1;
      let j = i + 2;
      while (j < n && depth > 0) {
        if (sql[j] === '*' && sql[j + 1] === '/') (depth--, (j += 2));
        else if (r.nestedComments && sql[j] === '/' && sql[j + 1] === '*') (depth++, (j += 2));
        else j++;
      }
      if (depth > 0) return { tokens, error: { message: 'a /* comment is never closed', at: i } };
      i = j;
      continue;
    }
    // Strings. BigQuery's r/b prefixes lex as a word before the string (its strings always take
    // backslash escapes); Postgres' E'…' is the one prefix that changes how the string ends.
    const escaped = dialect === 'postgresql' && (ch === 'E' || ch === 'e') && sql[i + 1] === "'" && !isWordPart(sql.charCodeAt(i - 1) || 0);
    const q0 = escaped ? i + 1 : i;
    const q = sql[q0];
    if (q === "'" || (q === '"' && r.doubleQuoteString)) {
      if (dialect === 'bigquery' && sql.startsWith(q.repeat(3), q0)) {
        let j = q0 + 3;
        while (j < n && !sql.startsWith(q.repeat(3), j)) j += sql[j] === '\\' ? 2 : 1;
        if (j >= n) return { tokens, error: { message: 'a string literal is never closed', at: i } };
        push('string', i, j + 3);
        i = j + 3;
        continue;
      }
      const end = closeQuote(q0, q, r.backslash || escaped);
      if (end < 0) return { tokens, error: { message: 'a string literal is never closed', at: i } };
      push('string', i, end);
      i = end;
      continue;
    }
    if (ch === '"' || ch === '`') {
      const end = closeQuote(i, ch, ch === '`');
      if (end < 0) return { tokens, error: { message: `a ${ch}quoted${ch} identifier is never closed`, at: i } };
      push('quoted', i, end, sql.slice(i + 1, end - 1).split(ch + ch).join(ch));
      i = end;
      continue;
    }
    if (ch === '$') {
      const tag = r.dollarStrings ? /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64))?.[0] : undefined;
      if (tag) {
        const close = sql.indexOf(tag, i + tag.length);
        if (close < 0) return { tokens, error: { message: `a ${tag} string is never closed`, at: i } };
        push('string', i, close + tag.length);
        i = close + tag.length;
        continue;
      }
      let j = i + 1;
      while (j < n && isWordPart(sql.charCodeAt(j))) j++;
      push('param', i, j);
      i = j;
      continue;
    }
    if ((ch === '@' && (sql[i + 1] === '@' || isWordStart(sql.charCodeAt(i + 1) || 0))) || ch === '?') {
      if (ch === '?' && (sql[i + 1] === '|' || sql[i + 1] === '&')) {
        push('op', i, i + 2);
        i += 2;
        continue;
      }
      let j = i + 1;
      if (sql[j] === '@') j++;
      while (j < n && isWordPart(sql.charCodeAt(j))) j++;
      push('param', i, j);
      i = j;
      continue;
    }
    if (isWordStart(c)) {
      let j = i + 1;
      while (j < n && isWordPart(sql.charCodeAt(j))) j++;
      push('word', i, j);
      i = j;
      continue;
    }
    if (isDigit(c) || (ch === '.' && isDigit(sql.charCodeAt(i + 1) || 0))) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(sql.slice(i, i + 64))!;
      push('number', i, i + m[0].length);
      i += m[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => sql.startsWith(o, i));
    push('op', i, i + (op?.length ?? 1));
    i += op?.length ?? 1;
  }
  return { tokens };
}
