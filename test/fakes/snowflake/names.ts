/** Dotted object names in a token stream: finding them, resolving them as Snowflake does. */
import type { Token } from './tokens.js';

export interface NameSpan {
  /** Index of the first and one past the last token of the name. */
  start: number;
  end: number;
  /** Parts as Snowflake stores them: unquoted folded to upper case, quoted exact. */
  parts: string[];
}

const isPart = (t: Token | undefined): boolean => t !== undefined && (t.kind === 'word' || t.kind === 'qid');

/** The dotted name starting at token i (a word or quoted identifier), or null. */
export function nameAt(tokens: readonly Token[], i: number): NameSpan | null {
  if (!isPart(tokens[i])) return null;
  const prev = tokens[i - 1];
  if (prev?.kind === 'op' && prev.text === '.') return null;
  const parts = [tokens[i]!.value];
  let j = i + 1;
  while (tokens[j]?.kind === 'op' && tokens[j]!.text === '.' && isPart(tokens[j + 1])) {
    parts.push(tokens[j + 1]!.value);
    j += 2;
  }
  return { start: i, end: j, parts };
}

/** The next index at or after i holding a significant token. */
export function nextSig(tokens: readonly Token[], i: number): number {
  let j = i;
  while (j < tokens.length && (tokens[j]!.kind === 'ws' || tokens[j]!.kind === 'comment')) j++;
  return j;
}

export interface Scope {
  database: string | null;
  schema: string | null;
}

/** DB.SCHEMA.NAME for a 1-, 2- or 3-part name, or null when the session lacks what it needs. */
export function fullName(parts: readonly string[], scope: Scope): string | null {
  if (parts.length >= 3) return parts.slice(-3).join('.');
  if (parts.length === 2) return scope.database === null ? null : `${scope.database}.${parts.join('.')}`;
  if (scope.database === null || scope.schema === null) return null;
  return `${scope.database}.${scope.schema}.${parts[0]}`;
}

/** Significant tokens' upper-cased words from index i, for matching statement shapes. */
export function wordsFrom(tokens: readonly Token[], i: number, n: number): string[] {
  const out: string[] = [];
  for (let j = nextSig(tokens, i); j < tokens.length && out.length < n; j = nextSig(tokens, j + 1)) {
    const t = tokens[j]!;
    out.push(t.kind === 'word' ? t.value : t.text);
  }
  return out;
}
