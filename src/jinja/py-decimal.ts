/**
 * Python's decimal.Decimal, as agate gives warehouse numbers to dbt templates: exact
 * coefficient and exponent (`1.50` keeps its trailing zero), str() as Python prints it, and
 * arithmetic in the default context (28 significant digits, half-even rounding). Mixing with a
 * float raises, as in Python; ints and bools convert exactly.
 */

const PREC = 28;
/** The repr protocol of py-repr.ts (a registry symbol, so this file needs no import). */
const PY_REPR: unique symbol = Symbol.for('tx.pyRepr');

function digitsOf(c: bigint): string {
  return (c < 0n ? -c : c).toString();
}

export class PyDecimal {
  /** value = coeff × 10^exp (coeff carries the sign; `neg` keeps the sign of a zero). */
  constructor(
    readonly coeff: bigint,
    readonly exp: number,
    readonly neg = coeff < 0n,
  ) {}

  static parse(text: string): PyDecimal | undefined {
    const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
    const frac = m[3] ?? '';
    const c = BigInt((m[2] || '0') + frac);
    const neg = m[1] === '-';
    return new PyDecimal(neg ? -c : c, Number(m[4] ?? 0) - frac.length, neg);
  }

  /** Decimal(int) and Decimal(repr(float)) (agate's Number.cast). */
  static from(v: number | bigint | boolean): PyDecimal {
    if (typeof v === 'boolean') return new PyDecimal(v ? 1n : 0n, 0);
    if (typeof v === 'bigint') return new PyDecimal(v, 0);
    if (Number.isInteger(v) && Math.abs(v) < 1e21) return new PyDecimal(BigInt(v), 0);
    return PyDecimal.parse(floatReprText(v)) ?? new PyDecimal(0n, 0);
  }

  isZero(): boolean {
    return this.coeff === 0n;
  }

  valueOf(): number {
    return Number(this.toString());
  }

  toJSON(): number {
    return this.valueOf();
  }

  /** Python's Decimal.__str__ (scientific notation only for very small or positive exponents). */
  toString(): string {
    const digits = digitsOf(this.coeff);
    const left = this.exp + digits.length;
    const dot = this.exp <= 0 && left > -6 ? left : 1;
    let int: string;
    let frac: string;
    if (dot <= 0) {
      int = '0';
      frac = '.' + '0'.repeat(-dot) + digits;
    } else if (dot >= digits.length) {
      int = digits + '0'.repeat(dot - digits.length);
      frac = '';
    } else {
      int = digits.slice(0, dot);
      frac = '.' + digits.slice(dot);
    }
    const e = left === dot ? '' : `E${left - dot >= 0 ? '+' : '-'}${Math.abs(left - dot)}`;
    return (this.neg ? '-' : '') + int + frac + e;
  }

  [PY_REPR](): string {
    return `Decimal('${this.toString()}')`;
  }

  /** Python truthiness: Decimal('0') is false. */
  __bool__(): boolean {
    return !this.isZero();
  }
}

/** repr() of a float, without importing the repr module (shortest round-trip digits). */
function floatReprText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return n.toExponential().replace(/e\+?/, 'e');
}

/** Round a result to the context's precision (ROUND_HALF_EVEN), as Decimal._fix does. */
function fix(coeff: bigint, exp: number): PyDecimal {
  const neg = coeff < 0n;
  let c = neg ? -coeff : coeff;
  const extra = c.toString().length - PREC;
  if (extra > 0) {
    const div = 10n ** BigInt(extra);
    const q = c / div;
    const r = c % div;
    const half = div / 2n;
    c = r > half || (r === half && q % 2n === 1n) ? q + 1n : q;
    exp += extra;
    if (c.toString().length > PREC) {
      c /= 10n;
      exp += 1;
    }
  }
  return new PyDecimal(neg ? -c : c, exp, neg);
}

function align(a: PyDecimal, b: PyDecimal): [bigint, bigint, number] {
  const e = Math.min(a.exp, b.exp);
  return [a.coeff * 10n ** BigInt(a.exp - e), b.coeff * 10n ** BigInt(b.exp - e), e];
}

function divide(a: PyDecimal, b: PyDecimal): PyDecimal {
  if (b.isZero()) throw new Error(a.isZero() ? 'decimal.InvalidOperation: 0 / 0' : 'decimal.DivisionByZero: division by zero');
  if (a.isZero()) return new PyDecimal(0n, a.exp - b.exp, a.neg !== b.neg);
  const neg = (a.coeff < 0n) !== (b.coeff < 0n);
  const x = a.coeff < 0n ? -a.coeff : a.coeff;
  const y = b.coeff < 0n ? -b.coeff : b.coeff;
  const shift = y.toString().length - x.toString().length + PREC + 1;
  let exp = a.exp - b.exp - shift;
  let q: bigint;
  let r: bigint;
  if (shift >= 0) {
    q = (x * 10n ** BigInt(shift)) / y;
    r = (x * 10n ** BigInt(shift)) % y;
  } else {
    q = x / (y * 10n ** BigInt(-shift));
    r = x % (y * 10n ** BigInt(-shift));
  }
  if (r !== 0n) {
    if (q % 5n === 0n) q += 1n;
  } else {
    const ideal = a.exp - b.exp;
    while (exp < ideal && q % 10n === 0n) {
      q /= 10n;
      exp += 1;
    }
  }
  return fix(neg ? -q : q, exp);
}

export type DecimalOp = '+' | '-' | '*' | '/' | '//' | '%';

/**
 * `a op b` where one side is a Decimal: the other must be a Decimal, int or bool (a float
 * raises TypeError, as in Python). Returns undefined when the other operand is no number.
 */
export function decimalArith(op: DecimalOp, a: unknown, b: unknown): PyDecimal | undefined {
  const x = toDecimal(a);
  const y = toDecimal(b);
  if (!x || !y) return undefined;
  switch (op) {
    case '+': {
      const [p, q, e] = align(x, y);
      return fix(p + q, e);
    }
    case '-': {
      const [p, q, e] = align(x, y);
      return fix(p - q, e);
    }
    case '*':
      return fix(x.coeff * y.coeff, x.exp + y.exp);
    case '/':
      return divide(x, y);
    case '//':
    case '%': {
      if (y.isZero()) throw new Error('decimal.DivisionByZero: division by zero');
      const [p, q, e] = align(x, y);
      // Decimal's // truncates toward zero and % takes the dividend's sign (unlike int).
      const t = p / q;
      return op === '//' ? new PyDecimal(t, 0) : fix(p - t * q, e);
    }
  }
}

/** Decimals, ints and bools as Decimal; floats and everything else undefined. */
export function toDecimal(v: unknown): PyDecimal | undefined {
  if (v instanceof PyDecimal) return v;
  if (typeof v === 'boolean' || typeof v === 'bigint') return PyDecimal.from(v);
  if (typeof v === 'number' && Number.isInteger(v)) return PyDecimal.from(v);
  return undefined;
}
