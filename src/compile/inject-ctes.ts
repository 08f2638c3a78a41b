/**
 * Ephemeral models are inlined as CTEs named __dbt__cte__<name>, placed before the
 * model's own CTEs as dbt does: `with __dbt__cte__a as (...), <the model's own with-list>`.
 */
export interface Cte {
  id: string;
  name: string;
  sql: string;
}

/** Skips leading whitespace and SQL comments; returns the offset of the first token. */
function firstTokenOffset(sql: string): number {
  let i = 0;
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

export function injectCtes(sql: string, ctes: Cte[]): string {
  if (ctes.length === 0) return sql;
  const list = ctes.map((c) => `${c.name} as (\n${c.sql.trim()}\n)`).join(', ');
  const at = firstTokenOffset(sql);
  const head = sql.slice(0, at);
  const rest = sql.slice(at);
  const m = /^with(\s+recursive)?\b/i.exec(rest);
  if (m) return `${head}${m[0]} ${list}, ${rest.slice(m[0].length).replace(/^\s+/, '')}`;
  return `${head}with ${list}\n${rest}`;
}
