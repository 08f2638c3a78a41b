/**
 * Drops comments, indentation and blank lines from the bundled site script: about a third of
 * tsc's output, and every byte is inlined into each generated site. A small lexer, not a
 * minifier: strings, template literals (nested `${}` included) and regex literals are copied
 * untouched, line breaks are kept (so automatic semicolon insertion reads the code as before),
 * and names are never changed. A unit test checks the result still parses.
 */

/** After these, a `/` starts a regex literal rather than a division. */
const REGEX_AFTER_PUNCT = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', ';', '+', '-', '*', '%', '<', '>', '~', '^']);
const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await', 'instanceof']);

export function stripJs(src: string): string {
  let out = '';
  let i = 0;
  let lastSig = '';
  let lastWord = '';
  let braces = 0;
  /** Brace depth at which each open `${` started; its `}` returns to the template. */
  const templates: number[] = [];

  const copyQuoted = (quote: string): void => {
    const start = i++;
    while (i < src.length && src[i] !== quote) i += src[i] === '\\' ? 2 : 1;
    i++;
    out += src.slice(start, i);
  };
  /** From just after a backtick or a closing `}` of `${}`: up to the closing backtick or the next `${`. */
  const copyTemplate = (): void => {
    const start = i;
    while (i < src.length) {
      if (src[i] === '\\') i += 2;
      else if (src[i] === '`') {
        i++;
        break;
      } else if (src[i] === '$' && src[i + 1] === '{') {
        i += 2;
        templates.push(braces);
        break;
      } else i++;
    }
    out += src.slice(start, i);
    lastSig = '`';
  };
  const copyRegex = (): void => {
    const start = i++;
    let inClass = false;
    while (i < src.length) {
      const c = src[i]!;
      if (c === '\\') i += 2;
      else if (c === '[') (inClass = true), i++;
      else if (c === ']') (inClass = false), i++;
      else if (c === '/' && !inClass) {
        i++;
        break;
      } else i++;
    }
    while (i < src.length && /[a-z]/i.test(src[i]!)) i++;
    out += src.slice(start, i);
    lastSig = '/';
  };

  while (i < src.length) {
    const c = src[i]!;
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? src.length : end + 2;
      // A space keeps `a/**/b` two tokens; at a line's edge it is not needed.
      if (!/\s$/.test(out) && !/^\s/.test(src[i] ?? '\n')) out += ' ';
      continue;
    }
    if (c === '"' || c === "'") {
      copyQuoted(c);
      lastSig = c;
      continue;
    }
    if (c === '`') {
      out += c;
      i++;
      copyTemplate();
      continue;
    }
    if (c === '/') {
      if (REGEX_AFTER_PUNCT.has(lastSig) || (/\w/.test(lastSig) && REGEX_AFTER_WORD.has(lastWord))) {
        copyRegex();
        continue;
      }
    }
    if (c === '\n') {
      // One newline, then skip the next line's indentation and any blank lines.
      if (out !== '' && !out.endsWith('\n')) out += '\n';
      i++;
      while (i < src.length && (src[i] === ' ' || src[i] === '\t' || src[i] === '\n' || src[i] === '\r')) i++;
      continue;
    }
    if (c === '{') braces++;
    if (c === '}') {
      if (templates.length > 0 && templates[templates.length - 1] === braces) {
        templates.pop();
        out += c;
        i++;
        copyTemplate();
        continue;
      }
      braces--;
    }
    if (/[\w$]/.test(c)) {
      const m = /^[\w$]+/.exec(src.slice(i, i + 64))!;
      out += m[0];
      i += m[0].length;
      lastWord = m[0];
      lastSig = m[0][m[0].length - 1]!;
      continue;
    }
    out += c;
    i++;
    if (c !== ' ' && c !== '\t' && c !== '\r') lastSig = c;
    // `x++ / 2`: after a postfix ++ or -- a slash divides.
    if ((c === '+' || c === '-') && out[out.length - 2] === c) lastSig = ')';
  }
  return out;
}
