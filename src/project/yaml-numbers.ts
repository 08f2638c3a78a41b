/**
 * PyYAML's implicit resolvers and constructors for numbers (YAML 1.1 as PyYAML implements
 * it), for the `yaml` library's custom tags. PyYAML is stricter than the 1.1 spec as the
 * `yaml` library reads it: a float needs a dot (`1e1`, `e1` are strings), an exponent needs
 * a sign (`1.0e1` is a string, `1.0e+1` a float), a leading `.` takes no sign (`-.5` is a
 * string), `09` is neither octal nor decimal, and base-60 numbers start with 1-9.
 */
import { Scalar } from 'yaml';
import type { ScalarTag } from 'yaml';

export const FLOAT_TAG = 'tag:yaml.org,2002:float';
export const INT_TAG = 'tag:yaml.org,2002:int';

/** PyYAML's float resolver regex (resolver.py), verbatim in meaning. */
const FLOAT_RE = new RegExp(
  '^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?' +
    '|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?' +
    '|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*' +
    '|[-+]?\\.(?:inf|Inf|INF)' +
    '|\\.(?:nan|NaN|NAN))$',
);

/** PyYAML's int resolver regex. */
const INT_RE = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;

function splitSign(text: string): { sign: number; rest: string } {
  const sign = text.startsWith('-') ? -1 : 1;
  return { sign, rest: text[0] === '-' || text[0] === '+' ? text.slice(1) : text };
}

/** `a:b:c` in base 60, as PyYAML's constructors read it. */
function base60(parts: number[]): number {
  return parts.reduce((acc, d) => acc * 60 + d, 0);
}

/** PyYAML's construct_yaml_float. */
export function constructFloat(text: string): number {
  const { sign, rest } = splitSign(text.replace(/_/g, '').toLowerCase());
  if (rest === '.inf') return sign * Number.POSITIVE_INFINITY;
  if (rest === '.nan') return Number.NaN;
  if (rest.includes(':')) return sign * base60(rest.split(':').map(Number));
  return sign * Number(rest.endsWith('.') ? `${rest}0` : rest);
}

/** PyYAML's construct_yaml_int. */
export function constructInt(text: string): number {
  const { sign, rest } = splitSign(text.replace(/_/g, ''));
  if (rest === '0') return 0;
  if (rest.startsWith('0b')) return sign * parseInt(rest.slice(2), 2);
  if (rest.startsWith('0x')) return sign * parseInt(rest.slice(2), 16);
  if (rest.startsWith('0')) return sign * parseInt(rest, 8);
  if (rest.includes(':')) return sign * base60(rest.split(':').map(Number));
  return sign * parseInt(rest, 10);
}

export const pyFloat: ScalarTag = {
  identify: (v) => typeof v === 'number' && !Number.isInteger(v),
  default: true,
  tag: FLOAT_TAG,
  test: FLOAT_RE,
  resolve: (text) => new Scalar(constructFloat(text)),
};

export const pyInt: ScalarTag = {
  identify: (v) => typeof v === 'number' && Number.isInteger(v),
  default: true,
  tag: INT_TAG,
  test: INT_RE,
  resolve: (text) => new Scalar(constructInt(text)),
};
