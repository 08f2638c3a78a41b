/**
 * Rendering a JS value as a SQL literal. What is the same everywhere (NULL, booleans, integers,
 * finite numbers, the UTC text of a Date) lives here; each dialect says how it spells the rest.
 */
export interface LiteralSpelling {
  /** 'NaN' | 'inf' | '-inf' → the dialect's non-finite float. */
  nonFinite(kind: 'nan' | 'inf' | '-inf'): string;
  string(s: string): string;
  /** `YYYY-MM-DD HH:MM:SS.mmm` (UTC) → a timestamp literal. */
  timestamp(utc: string): string;
  array(items: string[]): string;
  /** Objects: their JSON text as the dialect's JSON (or plain string) literal. */
  json(text: string): string;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** A Date as `YYYY-MM-DD HH:MM:SS.mmm` in UTC. */
export function utcTimestampText(v: Date): string {
  const d = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  const t = `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}.${pad(v.getUTCMilliseconds(), 3)}`;
  return `${d} ${t}`;
}

/** Standard SQL string: single quotes, quotes doubled. */
export const standardString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export function makeLiteral(spell: LiteralSpelling): (v: unknown) => string {
  const literal = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : spell.nonFinite(Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf');
    if (typeof v === 'string') return spell.string(v);
    if (v instanceof Date) return spell.timestamp(utcTimestampText(v));
    if (Array.isArray(v)) return spell.array(v.map(literal));
    return spell.json(JSON.stringify(v));
  };
  return literal;
}
