import { TxCodes, TxError } from '../errors/tx-error.js';
import { didYouMeanHint } from '../util/did-you-mean.js';
import { KNOWN_METHODS, validateAtomValue } from './methods.js';
import type { Depth, SelectionAtom, SelectionIntersection, SelectionSpec, SelectionUnion } from './spec.js';

/**
 * dbt's RAW_SELECTOR_PATTERN, group for group: `[N@][N+][method[.args]:]value[+N]`.
 * The value is lazy so a trailing `+N` is read as the children modifier, as in dbt.
 */
const ATOM =
  /^(?<cp>(?<cpDepth>\d*)@)?(?<parents>(?<parentsDepth>\d*)\+)?(?:(?<method>[\w.]+):)?(?<value>.*?)(?<children>\+(?<childrenDepth>\d*))?$/s;

/** Where a term sits, so errors can point at it. */
interface Ctx {
  arg: string;
  text: string;
}

function syntaxError(ctx: Ctx, col: number, what: string, hint?: string): TxError {
  return new TxError({
    code: TxCodes.SelectorSyntax,
    message: `Invalid selector in ${ctx.arg} "${ctx.text}" at column ${col}: ${what}`,
    hint,
  });
}

function depthOf(flag: string | undefined, digits: string | undefined): Depth {
  if (flag === undefined) return false;
  // dbt: an empty depth means unbounded; `0+x` is a real depth of zero.
  return digits === undefined || digits === '' ? true : Number.parseInt(digits, 10);
}

/** One atom such as `2+tag:nightly+1`. `col` is its 1-based column in the whole argument. */
export function parseAtom(raw: string, ctx: Ctx, col: number): SelectionAtom {
  const m = ATOM.exec(raw);
  const g = m?.groups;
  if (g === undefined) throw syntaxError(ctx, col, `cannot read "${raw}"`);
  if (g['cp'] !== undefined && g['cpDepth'] !== '') {
    throw syntaxError(ctx, col, `a depth on "@" ("${g['cp']}") is not supported yet`, 'write "@x" without a number');
  }
  if (g['cp'] !== undefined && g['children'] !== undefined) {
    throw syntaxError(ctx, col, `"@" prefix and "+" suffix are incompatible in "${raw}"`, '"@x" already includes all of x\'s descendants');
  }
  const value = g['value'] ?? '';
  const rawMethod = g['method'];
  const prefixLen = (g['cp'] ?? '').length + (g['parents'] ?? '').length;
  const valueCol = col + prefixLen + (rawMethod === undefined ? 0 : rawMethod.length + 1);
  if (value === '') throw syntaxError(ctx, valueCol, `"${raw}" has no search value`);

  let method: string;
  let methodArgs: string[] = [];
  if (rawMethod === undefined) {
    method = defaultMethod(value);
  } else {
    const parts = rawMethod.split('.');
    method = parts[0]!;
    methodArgs = parts.slice(1);
    const methodCol = col + prefixLen;
    if (!KNOWN_METHODS.has(method)) {
      throw new TxError({
        code: TxCodes.SelectorUnknown,
        message: `'${method}' is not a valid selector method in ${ctx.arg} "${ctx.text}" (column ${methodCol})`,
        hint: didYouMeanHint(method, KNOWN_METHODS) ?? `valid methods: ${[...KNOWN_METHODS].join(', ')}`,
      });
    }
    if (method === 'config' && methodArgs.some((a) => a === '')) {
      throw syntaxError(ctx, methodCol, `"${rawMethod}" has an empty config key`);
    }
    if (method === 'config' && methodArgs.length === 0) {
      throw syntaxError(ctx, methodCol, 'the config method needs a key', 'write config.<key>:<value>, e.g. config.materialized:table');
    }
  }
  const atom: SelectionAtom = {
    kind: 'atom',
    method,
    methodArgs,
    methodExplicit: rawMethod !== undefined,
    value,
    parents: depthOf(g['parents'], g['parentsDepth']),
    children: depthOf(g['children'], g['childrenDepth']),
    childrensParents: g['cp'] !== undefined,
    raw,
  };
  const problem = validateAtomValue(atom);
  if (problem !== undefined) {
    throw new TxError({
      code: TxCodes.SelectorUnknown,
      message: `Invalid value in ${ctx.arg} "${ctx.text}" at column ${valueCol}: ${problem.message}`,
      hint: problem.hint,
    });
  }
  return atom;
}

/**
 * dbt's default_method: a value containing a path separator is a path, one ending in a
 * model/seed file extension is a file name, anything else an fqn (which also matches bare names).
 */
export function defaultMethod(value: string): string {
  if (value.includes('/') || value.includes('\\')) return 'path';
  if (/\.(sql|py|csv)$/i.test(value)) return 'file';
  return 'fqn';
}

/**
 * One --select/--exclude argument: space-separated terms are unioned, comma-separated parts
 * of a term intersected (`a b,c` = a ∪ (b ∩ c)). `arg` names the flag in error messages.
 */
export function parseSelectionArg(text: string, arg = '--select'): SelectionUnion {
  const ctx: Ctx = { arg, text };
  const items: SelectionSpec[] = [];
  // Walk by regex to keep each term's column; runs of whitespace separate terms.
  for (const term of text.matchAll(/\S+/g)) {
    const termCol = term.index + 1;
    const parts: SelectionAtom[] = [];
    let offset = 0;
    for (const part of term[0].split(',')) {
      if (part === '') {
        throw syntaxError(ctx, termCol + offset, `empty selector around "," in "${term[0]}"`);
      }
      parts.push(parseAtom(part, ctx, termCol + offset));
      offset += part.length + 1;
    }
    const inter: SelectionIntersection = { kind: 'intersection', items: parts, expectExists: true, raw: term[0] };
    items.push(inter);
  }
  return { kind: 'union', items, raw: text };
}

/** Several arguments (yargs arrays) → one union; undefined when none were given. */
export function parseSelectionArgs(args: readonly string[] | undefined, arg = '--select'): SelectionUnion | undefined {
  if (args === undefined || args.length === 0) return undefined;
  const items = args.flatMap((a) => parseSelectionArg(a, arg).items);
  return { kind: 'union', items, raw: args.join(' ') };
}
