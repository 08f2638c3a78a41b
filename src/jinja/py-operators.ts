/**
 * Python operators on JS values: int/float arithmetic (a float result stays a float, `/` is
 * true division), sequence concatenation and repetition, `%` formatting, ordering and `in`.
 * Type mismatches raise as Python would; Undefined operands raise as Jinja's Undefined does.
 */
import { TxCodes, TxError } from '../errors/tx-error.js';
import { pyPercent } from './py-percent.js';
import { pyStr } from './py-repr.js';
import { PyTuple, isFloat, isPlainObject, mkFloat, numeric, tuple, typeName } from './py-types.js';
import { asString, pyCompare, pyEq } from './py-values.js';
import { setKey } from './py-collection-methods.js';
import { PyDecimal, decimalArith, type DecimalOp } from './py-decimal.js';

type Dunder = Record<string, (o: unknown) => unknown>;

function dunder(v: unknown, name: string): Dunder | undefined {
  return typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>)[name] === 'function' ? (v as Dunder) : undefined;
}

function undefinedOperand(): TxError {
  return new TxError({ code: TxCodes.UndefinedVar, message: 'an undefined value was used in an expression' });
}

function unsupported(op: string, a: unknown, b: unknown): TxError {
  if (a === undefined || b === undefined) return undefinedOperand();
  return new TxError({ code: TxCodes.TemplateRender, message: `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'` });
}

/** Numeric result: a float if either operand is, else an int. */
function arith(float: boolean, r: number): unknown {
  return float ? mkFloat(r) : r;
}

function numbers(op: string, a: unknown, b: unknown): [number, number, boolean] {
  const na = numeric(a);
  const nb = numeric(b);
  if (na === undefined || nb === undefined) throw unsupported(op, a, b);
  return [na, nb, isFloat(a) || isFloat(b)];
}

/** Decimal arithmetic when either side is a Decimal (a float on the other side raises). */
function decimal(op: DecimalOp, a: unknown, b: unknown): PyDecimal {
  const r = decimalArith(op, a, b);
  if (r === undefined) throw unsupported(op, a, b);
  return r;
}

function zeroDivision(float: boolean, what: string): TxError {
  return new TxError({ code: TxCodes.TemplateRender, message: float ? `float ${what} by zero` : what === 'division' ? 'division by zero' : 'integer division or modulo by zero' });
}

export function add(a: unknown, b: unknown): unknown {
  if (a instanceof PyDecimal || b instanceof PyDecimal) return decimal('+', a, b);
  const da = dunder(a, '__add__');
  if (da) return da['__add__']!(b);
  const db = dunder(b, '__radd__');
  if (db) return db['__radd__']!(a);
  if (Array.isArray(a) && Array.isArray(b)) {
    const ta = a instanceof PyTuple;
    if (ta !== b instanceof PyTuple) throw new TxError({ code: TxCodes.TemplateRender, message: `can only concatenate ${typeName(a)} (not "${typeName(b)}") to ${typeName(a)}` });
    return ta ? tuple([...a, ...b]) : [...a, ...b];
  }
  const sa = asString(a);
  const sb = asString(b);
  if (sa !== undefined && sb !== undefined) return sa + sb;
  if (sa !== undefined || Array.isArray(a)) {
    if (b === undefined) throw undefinedOperand();
    throw new TxError({ code: TxCodes.TemplateRender, message: `can only concatenate ${typeName(a)} (not "${typeName(b)}") to ${typeName(a)}` });
  }
  const [x, y, f] = numbers('+', a, b);
  return arith(f, x + y);
}

export function sub(a: unknown, b: unknown): unknown {
  if (a instanceof PyDecimal || b instanceof PyDecimal) return decimal('-', a, b);
  const da = dunder(a, '__sub__');
  if (da) return da['__sub__']!(b);
  if (a instanceof Set && b instanceof Set) return new Set([...a].filter((x) => !b.has(x)));
  const [x, y, f] = numbers('-', a, b);
  return arith(f, x - y);
}

function repeat(seq: unknown, n: unknown): unknown {
  const count = numeric(n);
  if (count === undefined || isFloat(n) || typeof n === 'boolean') return undefined;
  const s = asString(seq);
  if (s !== undefined) return s.repeat(Math.max(0, count));
  if (Array.isArray(seq)) {
    const out = Array.from({ length: Math.max(0, count) }, () => seq).flat();
    return seq instanceof PyTuple ? tuple(out) : out;
  }
  return undefined;
}

export function mul(a: unknown, b: unknown): unknown {
  if (a instanceof PyDecimal || b instanceof PyDecimal) return decimal('*', a, b);
  const seqA = asString(a) !== undefined || Array.isArray(a);
  const seqB = asString(b) !== undefined || Array.isArray(b);
  if (seqA || seqB) {
    const r = seqA ? repeat(a, b) : repeat(b, a);
    if (r === undefined) {
      if (a === undefined || b === undefined) throw undefinedOperand();
      throw new TxError({ code: TxCodes.TemplateRender, message: `can't multiply sequence by non-int of type '${typeName(seqA ? b : a)}'` });
    }
    return r;
  }
  const [x, y, f] = numbers('*', a, b);
  return arith(f, x * y);
}

export function div(a: unknown, b: unknown): unknown {
  if (a instanceof PyDecimal || b instanceof PyDecimal) return decimal('/', a, b);
  const [x, y, f] = numbers('/', a, b);
  if (y === 0) throw zeroDivision(f, 'division');
  return mkFloat(x / y);
}

export function floordiv(a: unknown, b: unknown): unknown {
  if (a instanceof PyDecimal || b instanceof PyDecimal) return decimal('//', a, b);
  const [x, y, f] = numbers('//', a, b);
  if (y === 0) throw zeroDivision(f, 'floor division');
  return arith(f, Math.floor(x / y));
}

export function mod(a: unknown, b: unknown): unknown {
  const s = asString(a);
  if (s !== undefined) return pyPercent(s, b);
  if (a instanceof PyDecimal || b instanceof PyDecimal) return decimal('%', a, b);
  const [x, y, f] = numbers('%', a, b);
  if (y === 0) throw zeroDivision(f, 'modulo');
  return arith(f, x - y * Math.floor(x / y));
}

export function pow(a: unknown, b: unknown): unknown {
  const [x, y, f] = numbers('**', a, b);
  if (x === 0 && y < 0) throw zeroDivision(true, 'power');
  return f || y < 0 ? mkFloat(x ** y) : x ** y;
}

export function neg(a: unknown): unknown {
  if (a instanceof PyDecimal) return new PyDecimal(-a.coeff, a.exp, !a.neg);
  const n = numeric(a);
  if (n === undefined) {
    if (a === undefined) throw undefinedOperand();
    throw new TxError({ code: TxCodes.TemplateRender, message: `bad operand type for unary -: '${typeName(a)}'` });
  }
  return isFloat(a) ? mkFloat(-n) : n === 0 ? 0 : -n;
}

export function pos(a: unknown): unknown {
  const n = numeric(a);
  if (n === undefined) {
    if (a === undefined) throw undefinedOperand();
    throw new TxError({ code: TxCodes.TemplateRender, message: `bad operand type for unary +: '${typeName(a)}'` });
  }
  return typeof a === 'boolean' ? n : a;
}

/** `<`, `>`, `<=`, `>=`. */
export function compare(op: string, a: unknown, b: unknown): boolean {
  const c = pyCompare(a, b, op);
  switch (op) {
    case '<': return c < 0;
    case '>': return c > 0;
    case '<=': return c <= 0;
    default: return c >= 0;
  }
}

/** `~`: both sides as strings (Undefined as empty). */
export function concat(a: unknown, b: unknown): string {
  return pyStr(a) + pyStr(b);
}

/** Python `in`: substring, list membership, dict key, set member; Undefined contains nothing. */
export function contains(needle: unknown, hay: unknown): boolean {
  const s = asString(hay);
  if (s !== undefined) {
    const n = asString(needle);
    if (n === undefined) throw new TxError({ code: TxCodes.TemplateRender, message: `'in <string>' requires string as left operand, not ${typeName(needle)}` });
    return s.includes(n);
  }
  if (Array.isArray(hay)) return hay.some((x) => pyEq(x, needle));
  if (hay instanceof Set) return hay.has(setKey(needle));
  if (hay instanceof Map) return hay.has(needle);
  if (isPlainObject(hay)) return Object.prototype.hasOwnProperty.call(hay, pyStr(needle));
  if (hay === undefined) return false;
  if (hay === null || typeof hay !== 'object') {
    throw new TxError({ code: TxCodes.TemplateRender, message: `argument of type '${typeName(hay)}' is not iterable` });
  }
  if (Symbol.iterator in hay) return [...(hay as Iterable<unknown>)].some((x) => pyEq(x, needle));
  return pyStr(needle) in hay;
}
