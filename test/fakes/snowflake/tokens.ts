/**
 * A small SQL tokenizer for the fake's Snowflake → DuckDB rewrites. It reads Snowflake's lexical
 * rules (backslash escapes in '…' strings, "…" identifiers, $$…$$ strings, -- and /* comments)
 * and renders DuckDB text back (strings re-quoted with '' only).
 */

export type TokenKind = 'ws' | 'comment' | 'str' | 'qid' | 'word' | 'num' | 'param' | 'op';

export interface Token {
  kind: TokenKind;
  /** As rendered for DuckDB: words upper-cased (folded), strings re-quoted. */
  text: string;
  /** str: the decoded value; qid: the identifier; word: the upper-cased word. */
  value: string;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0' };

function readString(sql: string, start: number): [string, number] {
  let out = '';
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i] ?? '';
    if (c === '\\' && i + 1 < sql.length) {
      const n = sql[i + 1] ?? '';
      out += ESCAPES[n] ?? n;
      i += 2;
    } else if (c === "'" && sql[i + 1] === "'") {
      out += "'";
      i += 2;
    } else if (c === "'") {
      return [out, i + 1];
    } else {
      out += c;
      i++;
    }
  }
  throw new Error('unterminated string literal');
}

export function strToken(value: string): Token {
  return { kind: 'str', value, text: `'${value.replace(/'/g, "''")}'` };
}

export function wordToken(word: string): Token {
  return { kind: 'word', value: word.toUpperCase(), text: word.toUpperCase() };
}

export function qidToken(name: string): Token {
  return { kind: 'qid', value: name, text: `"${name.replace(/"/g, '""')}"` };
}

export function opToken(text: string): Token {
  return { kind: 'op', value: text, text };
}

export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] ?? '';
    const rest = sql.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^\s+/.exec(rest))) {
      out.push({ kind: 'ws', text: m[0], value: m[0] });
    } else if ((m = /^(--[^\n]*|\/\*[\s\S]*?\*\/)/.exec(rest))) {
      out.push({ kind: 'comment', text: m[0], value: m[0] });
    } else if (c === "'") {
      const [value, end] = readString(sql, i);
      out.push(strToken(value));
      i = end;
      continue;
    } else if (c === '$' && sql[i + 1] === '$') {
      const end = sql.indexOf('$$', i + 2);
      if (end < 0) throw new Error('unterminated $$ string');
      out.push(strToken(sql.slice(i + 2, end)));
      i = end + 2;
      continue;
    } else if (c === '"') {
      const m2 = /^"((?:[^"]|"")*)"/.exec(rest);
      if (!m2) throw new Error('unterminated quoted identifier');
      out.push(qidToken((m2[1] ?? '').replace(/""/g, '"')));
      i += m2[0].length;
      continue;
    } else if ((m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(rest))) {
      out.push(wordToken(m[0]));
    } else if ((m = /^(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)/.exec(rest))) {
      out.push({ kind: 'num', text: m[0], value: m[0] });
    } else if (c === '?') {
      out.push({ kind: 'param', text: '?', value: '?' });
    } else if ((m = /^(::|<=|>=|<>|!=|\|\||=>)/.exec(rest))) {
      out.push(opToken(m[0]));
    } else {
      out.push(opToken(c));
    }
    i += out[out.length - 1]?.text.length ?? 1;
  }
  return out;
}

export function render(tokens: readonly Token[]): string {
  return tokens.map((t) => t.text).join('');
}

/** Tokens without whitespace and comments (for matching statement shapes). */
export function significant(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'ws' && t.kind !== 'comment');
}

/** Splits at top-level semicolons; empty statements dropped. */
export function splitTokens(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  let cur: Token[] = [];
  for (const t of tokens) {
    if (t.kind === 'op' && t.text === ';') {
      out.push(cur);
      cur = [];
    } else {
      cur.push(t);
    }
  }
  out.push(cur);
  return out.filter((s) => significant(s).length > 0);
}
