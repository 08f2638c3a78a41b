/**
 * Splits a script into statements at top-level semicolons, as dbt-snowflake does before
 * sending them: Snowflake runs one statement per request unless told how many to expect.
 * Quotes ('…' with '' and backslash escapes, "…"), $$…$$ bodies and comments are skipped over;
 * statements holding only comments or blanks are dropped.
 */

/** Index just past the end of the token starting at i, or i when none starts there. */
function skipToken(sql: string, i: number): number {
  const ch = sql[i];
  const next = sql[i + 1];
  if (ch === "'") {
    let j = i + 1;
    while (j < sql.length) {
      if (sql[j] === '\\') j += 2;
      else if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
      else if (sql[j] === "'") return j + 1;
      else j++;
    }
    return sql.length;
  }
  if (ch === '"') {
    const end = sql.indexOf('"', i + 1);
    return end < 0 ? sql.length : end + 1;
  }
  if (ch === '$' && next === '$') {
    const end = sql.indexOf('$$', i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  if (ch === '-' && next === '-') {
    const end = sql.indexOf('\n', i);
    return end < 0 ? sql.length : end + 1;
  }
  if (ch === '/' && next === '*') {
    const end = sql.indexOf('*/', i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  return i;
}

/** True when the text holds something besides comments and blanks. */
export function hasCode(sql: string): boolean {
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] ?? '';
    const isComment = (ch === '-' && sql[i + 1] === '-') || (ch === '/' && sql[i + 1] === '*');
    if (isComment) {
      i = skipToken(sql, i);
      continue;
    }
    if (!/\s/.test(ch)) return true;
    i++;
  }
  return false;
}

export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const end = skipToken(sql, i);
    if (end > i) {
      i = end;
      continue;
    }
    if (sql[i] === ';') {
      out.push(sql.slice(start, i));
      start = i + 1;
    }
    i++;
  }
  out.push(sql.slice(start));
  return out.map((s) => s.trim()).filter(hasCode);
}
