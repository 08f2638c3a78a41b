/**
 * nunjucks' Tokenizer with Jinja's lexing rules where they differ:
 *  - `}}` closes a dict when braces are open (`{{ f(x={'a': {'b': 1}}) }}`), as Jinja's
 *    balancing lexer does; nunjucks would end the tag there;
 *  - string literals unescape like Python (`'\d'` keeps its backslash, `'\1'` is octal);
 *  - `1e3`, `2.5e-3` are floats and `1_000` an int.
 * A subclass of the Tokenizer class nunjucks instantiates, so the library itself is untouched.
 */
import { nj, type NjToken, type NjTokenizer } from './nunjucks-internals.js';

const lx = nj.lexer;
type TokenizerCtor = new (src: string, opts: unknown) => NjTokenizer;
const Tokenizer = Object.getPrototypeOf(lx.lex('', {})).constructor as TokenizerCtor;

const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"' };
const OPEN = new Set([lx.TOKEN_LEFT_PAREN, lx.TOKEN_LEFT_BRACKET, lx.TOKEN_LEFT_CURLY]);
const CLOSE = new Set([lx.TOKEN_RIGHT_PAREN, lx.TOKEN_RIGHT_BRACKET, lx.TOKEN_RIGHT_CURLY]);

export class TxTokenizer extends Tokenizer {
  /** Brackets open in the current tag. */
  private depth = 0;

  override nextToken(): NjToken | null {
    const tok = super.nextToken();
    if (!tok) return tok;
    const t = tok.type;
    // `{%+` / `+%}` switch off lstrip_blocks / trim_blocks, which dbt leaves off: a plain tag.
    if (t === lx.TOKEN_BLOCK_START && tok.value === '{%' && this.str[this.index] === '+') this.forward();
    if (t === lx.TOKEN_OPERATOR && tok.value === '+' && this.str.startsWith('%}', this.index)) return this.nextToken();
    if (t === lx.TOKEN_BLOCK_START || t === lx.TOKEN_VARIABLE_START) this.depth = 0;
    else if (OPEN.has(t)) this.depth++;
    else if (CLOSE.has(t)) this.depth = Math.max(0, this.depth - 1);
    else if (t === lx.TOKEN_VARIABLE_END && this.depth > 0 && tok.value === '}}') {
      // The first brace closes an open dict; lex the second one again.
      this.back();
      this.in_code = true;
      this.depth--;
      return { type: lx.TOKEN_RIGHT_CURLY, value: '}', lineno: tok.lineno, colno: tok.colno };
    } else if (t === lx.TOKEN_SYMBOL) return this.numericSymbol(tok);
    else if (t === lx.TOKEN_FLOAT) return this.withExponent(tok);
    return tok;
  }

  /** nunjucks reads `1e3`, `1_000`, `0x1f`, `0b11`, `0o7` as names. */
  private numericSymbol(tok: NjToken): NjToken {
    const v = tok.value;
    const radix = /^0([xXbBoO])((?:_?[0-9a-fA-F])+)$/.exec(v);
    if (radix) {
      const base = { x: 16, b: 2, o: 8 }[(radix[1] ?? 'x').toLowerCase() as 'x' | 'b' | 'o'];
      const digits = (radix[2] ?? '').replace(/_/g, '');
      if (new RegExp(`^[${'0123456789abcdef'.slice(0, base)}]+$`, 'i').test(digits)) return { ...tok, type: lx.TOKEN_INT, value: String(parseInt(digits, base)) };
    }
    if (/^\d+(_\d+)*$/.test(v) && this.str[this.index] === '.') {
      // `1_0.5`: nunjucks stopped at the underscore-bearing integer part.
      const m = /^\.\d+(_\d+)*([eE][+-]?\d+)?/.exec(this.str.slice(this.index));
      if (m && v.includes('_')) {
        this.forwardN(m[0].length);
        return { ...tok, type: lx.TOKEN_FLOAT, value: (v + m[0]).replace(/_/g, '') };
      }
    }
    if (/^\d+(_\d+)+$/.test(v)) return { ...tok, type: lx.TOKEN_INT, value: v.replace(/_/g, '') };
    if (/^\d+[eE]\d+$/.test(v)) return { ...tok, type: lx.TOKEN_FLOAT };
    if (/^\d+[eE]$/.test(v)) {
      const m = /^[+-]\d+/.exec(this.str.slice(this.index));
      if (m) {
        this.forwardN(m[0].length);
        return { ...tok, type: lx.TOKEN_FLOAT, value: v + m[0] };
      }
    }
    return tok;
  }

  private withExponent(tok: NjToken): NjToken {
    const m = /^[eE][+-]?\d+/.exec(this.str.slice(this.index));
    if (!m) return tok;
    this.forwardN(m[0].length);
    return { ...tok, value: tok.value + m[0] };
  }

  /** A string literal with Python's escapes (unicode-escape, as Jinja decodes literals). */
  _parseString(delimiter: string): string {
    this.forward();
    let out = '';
    while (!this.isFinished() && this.current() !== delimiter) {
      const c = this.current();
      this.forward();
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.current();
      const rest = this.str.slice(this.index);
      const simple = SIMPLE[e];
      let m: RegExpExecArray | null;
      if (simple !== undefined) {
        out += simple;
        this.forward();
      } else if (e === '\n') {
        this.forward();
      } else if ((m = /^[0-7]{1,3}/.exec(rest))) {
        out += String.fromCharCode(parseInt(m[0], 8));
        this.forwardN(m[0].length);
      } else if ((m = /^x([0-9a-fA-F]{2})|^u([0-9a-fA-F]{4})|^U([0-9a-fA-F]{8})/.exec(rest))) {
        out += String.fromCodePoint(parseInt(m[1] ?? m[2] ?? m[3] ?? '0', 16));
        this.forwardN(m[0].length);
      } else {
        out += '\\';
      }
    }
    this.forward();
    return out;
  }
}

export function tokenize(src: string, opts: unknown): NjTokenizer {
  return new TxTokenizer(src, opts);
}
