import { describe, expect, it } from 'vitest';
import { stripJs } from '../../../src/docs/strip-js.js';

const run = (src: string): unknown => new Function(`${src}\nreturn out;`)();

describe('stripJs', () => {
  it('drops comments and indentation but keeps the code', () => {
    const src = `/** doc */\nfunction f(a, b) {\n    // a comment\n    return a /* inline */ + b;\n}\nconst out = f(1, 2);\n`;
    const stripped = stripJs(src);
    expect(stripped).not.toMatch(/comment|doc|inline/);
    expect(stripped.split('\n')).toEqual(['function f(a, b) {', 'return a  + b;', '}', 'const out = f(1, 2);', '']);
    expect(run(stripped)).toBe(3);
  });

  it('leaves strings, template literals and regex literals untouched', () => {
    const src = [
      "const url = 'http://x.org/a//b /* not a comment */';",
      'const t = `line one',
      '    // still template text ${ `nested ${1 + 1}` } and } brace',
      '`;',
      "const re = /\\/\\/[^/]*\\/'/g;",
      'const d = 10 / 2 / 5;',
      'let i = 4; const e = i++ / 2;',
      'const out = [url, t, re.source, d, e];',
    ].join('\n');
    expect(run(stripJs(src))).toEqual(run(src));
  });

  it('reads a slash after return or ( as a regex', () => {
    const src = "function g(s) { return /a\\/b/.test(s); }\nconst out = [g('a/b'), ('x'.match(/x/) || [])[0]];";
    expect(run(stripJs(src))).toEqual([true, 'x']);
  });
});
