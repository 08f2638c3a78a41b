/** Python's printf-style `'%s-%05.2f' % (a, b)` and `'%(name)s' % {...}`. */
import { TxCodes, TxError } from '../errors/tx-error.js';
import { pyRepr, pyStr } from './py-repr.js';
import { PyTuple, isPlainObject } from './py-types.js';

const SPEC = /%(?:\(([^)]*)\))?([-+ 0#]*)(\d+|\*)?(?:\.(\d+))?([sridfFeEgGxXoc%])/g;

export function pyPercent(fmt: string, args: unknown): string {
  // Only a tuple spreads over the specifiers; a list is one value, as in Python.
  const list = args instanceof PyTuple ? args : [args];
  let i = 0;
  let usedKey = false;
  const out = fmt.replace(SPEC, (_m, key: string | undefined, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    let v: unknown;
    if (key !== undefined) {
      if (!isPlainObject(args)) throw new TxError({ code: TxCodes.TemplateRender, message: 'format requires a mapping' });
      v = args[key];
      usedKey = true;
    } else {
      if (i >= list.length) throw new TxError({ code: TxCodes.TemplateRender, message: 'not enough arguments for format string' });
      v = list[i++];
    }
    let s: string;
    switch (conv) {
      case 's': s = pyStr(v); if (prec !== undefined) s = s.slice(0, Number(prec)); break;
      case 'r': s = pyRepr(v); break;
      case 'd': case 'i': s = String(Math.trunc(Number(v))); break;
      case 'f': case 'F': s = Number(v).toFixed(prec === undefined ? 6 : Number(prec)); break;
      case 'e': case 'E': s = Number(v).toExponential(prec === undefined ? 6 : Number(prec)).replace(/e([+-])(\d)$/, 'e$10$2'); break;
      case 'g': case 'G': s = String(Number(v)); break;
      case 'x': s = Math.trunc(Number(v)).toString(16); break;
      case 'X': s = Math.trunc(Number(v)).toString(16).toUpperCase(); break;
      case 'o': s = Math.trunc(Number(v)).toString(8); break;
      default: s = String.fromCharCode(Number(v));
    }
    if (flags.includes('+') && Number(v) >= 0 && 'difFeE'.includes(conv)) s = '+' + s;
    const w = width === undefined || width === '*' ? 0 : Number(width);
    if (s.length < w) {
      if (flags.includes('-')) s = s.padEnd(w);
      else if (flags.includes('0') && 'difFeE'.includes(conv)) s = (s.startsWith('-') ? '-' + s.slice(1).padStart(w - 1, '0') : s.padStart(w, '0'));
      else s = s.padStart(w);
    }
    return s;
  });
  const leftover = args instanceof PyTuple ? i < list.length : i === 0 && !isPlainObject(args) && !usedKey;
  if (leftover) {
    throw new TxError({ code: TxCodes.TemplateRender, message: 'not all arguments converted during string formatting' });
  }
  return out;
}
