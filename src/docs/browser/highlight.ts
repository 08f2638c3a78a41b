/**
 * SQL (and dbt Jinja) → HTML with highlighting spans: keywords, strings, quoted identifiers,
 * numbers, comments, function calls and Jinja tags. A tokenizer, not a parser: it only has to
 * colour text, and must never drop or reorder a character. Pure.
 */
import { escapeHtml } from './format.js';

const KEYWORDS = new Set(
  `select from where and or not in is null as on join left right full inner outer cross natural using group by order
  having limit offset union all distinct case when then else end with recursive insert into values update set delete
  create replace table view materialized temporary temp if exists drop alter add column primary key foreign references
  unique check default constraint cast true false asc desc nulls first last over partition rows range between preceding
  following unbounded current row window qualify filter within lateral unnest except intersect returning merge matched
  like ilike similar escape interval date time timestamp any some exists grant revoke begin commit rollback transaction
  pivot unpivot struct array map try_cast coalesce nullif`.split(/\s+/),
);

/** One alternation, tried at each position; the group that matched names the token kind. */
const TOKEN = new RegExp(
  [
    '(\\{#[\\s\\S]*?(?:#\\}|$))', // 1 jinja comment
    '(\\{\\{[\\s\\S]*?(?:\\}\\}|$)|\\{%[\\s\\S]*?(?:%\\}|$))', // 2 jinja expression or statement
    '(--[^\\n]*|/\\*[\\s\\S]*?(?:\\*/|$))', // 3 sql comment
    "('(?:[^']|'')*'?)", // 4 string
    '("(?:[^"]|"")*"?|`[^`]*`?)', // 5 quoted identifier
    '(\\b\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?\\b)', // 6 number
    '([A-Za-z_][\\w$]*)(?=\\s*\\()', // 7 function call
    '([A-Za-z_][\\w$]*)', // 8 word
  ].join('|'),
  'gi',
);

const CLASSES = ['', 'jc', 'j', 'c', 's', 'q', 'n', 'f'];

export function highlightSql(sql: string): string {
  let out = '';
  let last = 0;
  // matchAll works on a copy of the regex, so the shared one keeps no position between calls.
  for (const m of sql.matchAll(TOKEN)) {
    out += escapeHtml(sql.slice(last, m.index));
    last = m.index + m[0].length;
    const group = m.findIndex((g, i) => i > 0 && g !== undefined);
    let cls = CLASSES[group] ?? '';
    if ((group === 7 || group === 8) && KEYWORDS.has(m[0].toLowerCase())) cls = 'k';
    else if (group === 8) cls = '';
    out += cls === '' ? escapeHtml(m[0]) : `<span class="${cls}">${escapeHtml(m[0])}</span>`;
  }
  return out + escapeHtml(sql.slice(last));
}
