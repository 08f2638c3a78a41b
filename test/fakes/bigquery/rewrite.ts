/**
 * GoogleSQL expressions → DuckDB SQL, for the subset tx's templates and the test projects use:
 * quoted names, string literals, types, and the functions whose name, argument order or result
 * differ. Anything else passes through, so DuckDB's own error reports what the fake lacks.
 */
import { closing, isPunct, isWord, significant, splitArgs, text, type Token } from './tokens.js';

export class FakeSqlError extends Error {
  constructor(readonly reason: string, message: string) {
    super(message);
  }
}

/** GoogleSQL type names → DuckDB's (TIMESTAMP is an instant, DATETIME a civil time). */
const TYPES: Record<string, string> = {
  int64: 'BIGINT', int: 'BIGINT', integer: 'BIGINT', bigint: 'BIGINT', smallint: 'BIGINT', tinyint: 'BIGINT', byteint: 'BIGINT',
  float64: 'DOUBLE', float: 'DOUBLE', numeric: 'DECIMAL(38,9)', decimal: 'DECIMAL(38,9)', bignumeric: 'DECIMAL(38,9)', bigdecimal: 'DECIMAL(38,9)',
  string: 'VARCHAR', bytes: 'BLOB', bool: 'BOOLEAN', boolean: 'BOOLEAN', date: 'DATE', datetime: 'TIMESTAMP',
  timestamp: 'TIMESTAMPTZ', time: 'TIME', json: 'VARCHAR', geography: 'VARCHAR', interval: 'INTERVAL',
};

export function quoteDuck(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Bytes as a DuckDB blob literal: printable ASCII as is, every other byte as \\xHH. */
function blobDuck(value: string): string {
  const body = [...value].map((c) => {
    const code = c.charCodeAt(0);
    if (c === "'") return "''";
    return code >= 0x20 && code < 0x7f && c !== '\\' ? c : `\\x${code.toString(16).padStart(2, '0').toUpperCase()}`;
  }).join('');
  return `'${body}'::BLOB`;
}

export function stringDuck(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A GoogleSQL type (tokens) → DuckDB type text; unknown names fail as BigQuery would. */
export function rewriteType(tokens: readonly Token[]): string {
  const sig = significant(tokens);
  const head = sig[0];
  if (!head || head.kind !== 'ident') throw new FakeSqlError('invalidQuery', `Syntax error: expected a type, got '${text(tokens).trim()}'`);
  if (head.value === 'array' && isPunct(sig[1], '<')) return `${rewriteType(sig.slice(2, -1))}[]`;
  if (head.value === 'struct' && isPunct(sig[1], '<')) {
    const fields = splitGeneric(sig.slice(2, -1)).map((f) => {
      const [name, ...type] = f;
      return `${quoteDuck(name?.kind === 'qident' ? name.value : name?.text ?? '')} ${rewriteType(type)}`;
    });
    return `STRUCT(${fields.join(', ')})`;
  }
  const t = TYPES[head.value];
  if (t === undefined) throw new FakeSqlError('invalidQuery', `Type not found: ${head.text}`);
  if ((head.value === 'numeric' || head.value === 'decimal') && isPunct(sig[1], '(')) {
    const params = sig.slice(2, -1).filter((x) => x.kind === 'number').map((x) => x.text);
    return `DECIMAL(${Math.min(Number(params[0] ?? 38), 38)},${params[1] ?? 0})`;
  }
  return t;
}

/** Splits `a INT64, b STRUCT<c INT64>` at commas outside <…>. */
function splitGeneric(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  let cur: Token[] = [];
  let depth = 0;
  for (const t of tokens) {
    if (isPunct(t, '<') || isPunct(t, '(')) depth++;
    if (isPunct(t, '>') || isPunct(t, ')')) depth--;
    if (depth === 0 && isPunct(t, ',')) {
      out.push(cur);
      cur = [];
    } else cur.push(t);
  }
  out.push(cur);
  return out.filter((x) => x.length > 0);
}

export interface RewriteContext {
  /** Script variables (DECLARE): their uses read DuckDB variables. */
  variables: Set<string>;
}

type Fn = (args: string[], argTokens: Token[][]) => string;

const part = (t: Token[] | undefined): string => significant(t ?? []).map((x) => x.value).join(' ').toLowerCase();

/** BigQuery's WEEK starts on Sunday; DuckDB's on Monday. */
function trunc(p: string, x: string): string {
  if (p === 'week') return `(date_trunc('week', (${x}) + INTERVAL 1 DAY) - INTERVAL 1 DAY)`;
  return `date_trunc('${p.replace(/^isoweek$/, 'week').replace(/^week \( monday \)$/, 'week')}', ${x})`;
}

/** `INTERVAL -3 DAY` (GoogleSQL takes any int64 expression) → `INTERVAL (-3) DAY`, which DuckDB reads. */
const parenthesised = (iv: string): string => iv.replace(/^\s*INTERVAL\s+(?!\()([\s\S]+?)\s+(\w+)\s*$/i, 'INTERVAL ($1) $2');

function interval(a: string, sign: '+' | '-'): (args: string[]) => string {
  return (args) => `((${args[0]}) ${sign} ${parenthesised(args[1] ?? '')}${a})`;
}

const FUNCTIONS: Record<string, Fn> = {
  current_timestamp: () => 'current_timestamp',
  current_date: () => 'current_date',
  current_datetime: () => 'CAST(current_timestamp AS TIMESTAMP)',
  timestamp: (a) => (a.length === 1 ? `CAST(${a[0]} AS TIMESTAMPTZ)` : `timezone(${a[1]}, CAST(${a[0]} AS TIMESTAMP))`),
  datetime: (a) => (a.length === 1 ? `CAST(${a[0]} AS TIMESTAMP)` : `(CAST(${a[0]} AS DATE) + CAST(${a[1]} AS TIME))`),
  date: (a, t) => (a.length === 3 ? `make_date(${a.join(', ')})` : t.length === 1 ? `CAST(${a[0]} AS DATE)` : `CAST(${a[0]} AS DATE)`),
  timestamp_trunc: (a, t) => trunc(part(t[1]), a[0] ?? ''),
  datetime_trunc: (a, t) => trunc(part(t[1]), a[0] ?? ''),
  date_trunc: (a, t) => `CAST(${trunc(part(t[1]), a[0] ?? '')} AS DATE)`,
  timestamp_add: interval('', '+'),
  datetime_add: interval('', '+'),
  timestamp_sub: interval('', '-'),
  datetime_sub: interval('', '-'),
  date_add: (a) => `CAST((${a[0]}) + ${a[1]} AS DATE)`,
  date_sub: (a) => `CAST((${a[0]}) - ${a[1]} AS DATE)`,
  date_diff: (a, t) => `date_diff('${part(t[2])}', CAST(${a[1]} AS DATE), CAST(${a[0]} AS DATE))`,
  datetime_diff: (a, t) => `date_diff('${part(t[2])}', ${a[1]}, ${a[0]})`,
  timestamp_diff: (a, t) => `date_sub('${part(t[2])}', ${a[1]}, ${a[0]})`,
  unix_date: (a) => `(CAST(${a[0]} AS DATE) - DATE '1970-01-01')`,
  safe_divide: (a) => `(CASE WHEN (${a[1]}) = 0 THEN NULL ELSE (${a[0]}) / (${a[1]}) END)`,
  countif: (a) => `count_if(${a[0]})`,
  logical_or: (a) => `bool_or(${a[0]})`,
  logical_and: (a) => `bool_and(${a[0]})`,
  generate_date_array: (a) =>
    `list_transform(generate_series(CAST(${a[0]} AS TIMESTAMP), CAST(${a[1]} AS TIMESTAMP), ${a[2] ?? 'INTERVAL 1 DAY'}), __d -> CAST(__d AS DATE))`,
  generate_array: (a) => `generate_series(${a[0]}, ${a[1]}, ${a[2] ?? '1'})`,
  to_hex: (a) => `lower(hex(${a[0]}))`,
  md5: (a) => `unhex(md5(${a[0]}))`,
  split: (a) => `string_split(${a[0]}, ${a[1] ?? "','"})`,
  regexp_contains: (a) => `regexp_matches(${a[0]}, ${a[1]})`,
  last_day: (a, t) => (part(t[1]) === 'month' || t.length === 1 ? `last_day(${a[0]})` : `CAST(date_trunc('${part(t[1])}', ${a[0]}) + INTERVAL 1 ${part(t[1])} - INTERVAL 1 DAY AS DATE)`),
  // Bracket subscripts: x[offset(0)] → x[1].
  offset: (a) => `(${a[0]}) + 1`,
  safe_offset: (a) => `(${a[0]}) + 1`,
  ordinal: (a) => `${a[0]}`,
  safe_ordinal: (a) => `${a[0]}`,
};

/** CAST / SAFE_CAST: the type after the top-level AS is rewritten as a type. */
function castCall(name: string, inner: Token[], ctx: RewriteContext): string {
  let depth = 0;
  for (let i = 0; i < inner.length; i++) {
    const t = inner[i];
    if (isPunct(t, '(') || isPunct(t, '[')) depth++;
    if (isPunct(t, ')') || isPunct(t, ']')) depth--;
    if (depth === 0 && isWord(t, 'as')) {
      const fn = name === 'safe_cast' ? 'try_cast' : 'CAST';
      return `${fn}(${rewriteTokens(inner.slice(0, i), ctx)} AS ${rewriteType(inner.slice(i + 1))})`;
    }
  }
  return `${name}(${rewriteTokens(inner, ctx)})`;
}

/** array_agg(distinct x IGNORE NULLS): DuckDB filters the nulls out of the list instead. */
function arrayAgg(inner: Token[], ctx: RewriteContext): string {
  const sig = significant(inner);
  const n = sig.length;
  if (n >= 2 && isWord(sig[n - 2], 'ignore') && isWord(sig[n - 1], 'nulls')) {
    const cut = inner.lastIndexOf(sig[n - 2]!);
    return `list_filter(array_agg(${rewriteTokens(inner.slice(0, cut), ctx)}), __v -> __v IS NOT NULL)`;
  }
  return `array_agg(${rewriteTokens(inner, ctx)})`;
}

/** STRUCT(1 AS a, 'x' AS b) → struct_pack(a := 1, b := 'x'); unnamed fields are DuckDB's v1, v2… */
function structCall(inner: Token[], ctx: RewriteContext): string {
  const fields = splitArgs(inner).map((arg, i) => {
    const sig = significant(arg);
    const n = sig.length;
    if (n >= 3 && isWord(sig[n - 2], 'as')) {
      const name = sig[n - 1]!;
      const cut = arg.lastIndexOf(sig[n - 2]!);
      return `${quoteDuck(name.kind === 'qident' ? name.value : name.text)} := ${rewriteTokens(arg.slice(0, cut), ctx).trim()}`;
    }
    return `"_field_${i + 1}" := ${rewriteTokens(arg, ctx).trim()}`;
  });
  return `struct_pack(${fields.join(', ')})`;
}

function prevSignificant(tokens: readonly Token[], i: number): Token | undefined {
  for (let j = i - 1; j >= 0; j--) if (tokens[j]!.kind !== 'ws' && tokens[j]!.kind !== 'comment') return tokens[j];
  return undefined;
}

function nextSignificantIndex(tokens: readonly Token[], i: number): number {
  for (let j = i + 1; j < tokens.length; j++) if (tokens[j]!.kind !== 'ws' && tokens[j]!.kind !== 'comment') return j;
  return -1;
}

/** Rewrites one token list (an expression, a query, a statement body) to DuckDB text. */
export function rewriteTokens(tokens: readonly Token[], ctx: RewriteContext): string {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = prevSignificant(tokens, i);
    const nextIdx = nextSignificantIndex(tokens, i);
    const next = nextIdx >= 0 ? tokens[nextIdx] : undefined;
    if (t.kind === 'qident') {
      out.push((t.parts ?? [t.value]).map(quoteDuck).join('.'));
    } else if (t.kind === 'string') {
      out.push(/^[bB]/.test(t.text) ? blobDuck(t.value) : stringDuck(t.value));
    } else if (t.kind === 'number' && /[.eE]/.test(t.text)) {
      // GoogleSQL reads 2.5 as FLOAT64 (DuckDB as DECIMAL(2,1)).
      out.push(`CAST(${t.text} AS DOUBLE)`);
    } else if (t.kind === 'param') {
      out.push(t.text === '?' ? '?' : `$${t.value}`);
    } else if (t.kind === 'comment') {
      out.push(t.text.startsWith('#') ? `--${t.text.slice(1)}` : t.text);
    } else if (isWord(t, 'except') && isPunct(prev, '*')) {
      out.push('EXCLUDE');
    } else if (t.kind === 'ident' && isPunct(next, '(') && !isPunct(prev, '.')) {
      const end = closing(tokens, nextIdx);
      const inner = tokens.slice(nextIdx + 1, end);
      out.push(call(t, inner, prev, ctx, text(tokens.slice(i + 1, nextIdx))));
      // `unnest(x) AS alias` in FROM: DuckDB names the column through the alias' column list.
      if (t.value === 'unnest' && (isWord(prev, 'join', 'from'))) {
        const a = nextSignificantIndex(tokens, end);
        const aliasIdx = isWord(tokens[a], 'as') ? nextSignificantIndex(tokens, a) : a;
        const alias = tokens[aliasIdx];
        if (alias && (alias.kind === 'ident' || alias.kind === 'qident') && !isWord(alias, 'on', 'where', 'join', 'cross', 'left', 'inner', 'with')) {
          const name = alias.kind === 'qident' ? alias.value : alias.text;
          out.push(` AS ${quoteDuck(name)}(${quoteDuck(name)})`);
          i = aliasIdx;
          continue;
        }
      }
      i = end;
    } else if (t.kind === 'ident' && ctx.variables.has(t.value) && !isPunct(prev, '.') && !isPunct(next, '.')) {
      out.push(`getvariable('${t.value}')`);
    } else if (isWord(t, 'timestamp', 'datetime') && next?.kind === 'string') {
      out.push(t.value === 'timestamp' ? 'TIMESTAMPTZ' : 'TIMESTAMP');
    } else if (isWord(t, 'numeric', 'bignumeric', 'json') && next?.kind === 'string') {
      // Typed literals DuckDB spells as casts.
      out.push(`CAST(${stringDuck(next.value)} AS ${t.value === 'json' ? 'VARCHAR' : 'DECIMAL(38,9)'})`);
      i = nextIdx;
    } else if (isWord(t, 'distinct') && isWord(prev, 'union', 'except', 'intersect')) {
      out.push('');
    } else if (isWord(t, 'as') && isWord(prev, 'select') && isWord(next, 'struct', 'value')) {
      // SELECT AS STRUCT x (one field) is x itself.
      i = nextIdx;
    } else if (isWord(t, 'array') && isPunct(next, '<')) {
      // ARRAY<T>[…] literal: DuckDB infers the element type.
      let j = nextIdx;
      while (j < tokens.length && !isPunct(tokens[j], '>')) j++;
      i = j;
    } else {
      out.push(t.text);
    }
  }
  return out.join('');
}

function call(name: Token, inner: Token[], prev: Token | undefined, ctx: RewriteContext, gap: string): string {
  const fn = name.value;
  // Not a function we rewrite (or a keyword before a parenthesis): spacing kept as written.
  const plain = (): string => `${name.text}${gap}(${rewriteTokens(inner, ctx)})`;
  if (fn === 'cast' || fn === 'safe_cast') return castCall(fn, inner, ctx);
  if (fn === 'array_agg') return arrayAgg(inner, ctx);
  if (fn === 'struct') return structCall(inner, ctx);
  if (fn === 'unnest' && isWord(prev, 'in')) return `(SELECT unnest(${rewriteTokens(inner, ctx)}))`;
  if ((fn === 'offset' || fn === 'safe_offset' || fn === 'ordinal' || fn === 'safe_ordinal') && !isPunct(prev, '[')) return plain();
  const rewrite = Object.hasOwn(FUNCTIONS, fn) ? FUNCTIONS[fn] : undefined;
  if (!rewrite) return plain();
  const argTokens = significant(inner).length === 0 ? [] : splitArgs(inner);
  return rewrite(argTokens.map((a) => rewriteTokens(a, ctx).trim()), argTokens);
}

