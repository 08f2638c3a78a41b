/**
 * The nunjucks Parser plus Python subscripts: `x[1:]`, `x[:-1]`, `x[::2]`.
 * Only postfix parsing changes; everything else is nunjucks' own parser.
 */
import { nj, type NjNode, type NjParser } from './nunjucks-internals.js';
import { SliceNode } from './tx-compiler.js';

const lx = nj.lexer;

export class TxParser extends nj.parser.Parser {
  override parsePostfix(node: NjNode): NjNode {
    let tok = this.peekToken();
    while (tok) {
      if (tok.type === lx.TOKEN_LEFT_PAREN) {
        node = new nj.nodes.FunCall(tok.lineno, tok.colno, node, this.parseSignature());
      } else if (tok.type === lx.TOKEN_LEFT_BRACKET) {
        node = new nj.nodes.LookupVal(tok.lineno, tok.colno, node, this.parseSubscript());
      } else if (tok.type === lx.TOKEN_OPERATOR && tok.value === '.') {
        this.nextToken();
        const name = this.nextToken();
        if (!name || name.type !== lx.TOKEN_SYMBOL) {
          this.fail(`expected name as lookup value, got ${name?.value ?? 'end of file'}`, name?.lineno, name?.colno);
        }
        node = new nj.nodes.LookupVal(tok.lineno, tok.colno, node, new nj.nodes.Literal(name.lineno, name.colno, name.value));
      } else {
        break;
      }
      tok = this.peekToken();
    }
    return node;
  }

  /** `[expr]` or a slice `[start:stop:step]` with any part omitted. */
  private parseSubscript(): NjNode {
    const open = this.nextToken();
    const parts: (NjNode | null)[] = [];
    let current: NjNode | null = null;
    let sawColon = false;
    for (;;) {
      const t = this.peekToken();
      if (!t) this.fail('unexpected end of file in subscript', open?.lineno, open?.colno);
      if (t.type === lx.TOKEN_RIGHT_BRACKET) {
        this.nextToken();
        break;
      }
      if (t.type === lx.TOKEN_COLON) {
        this.nextToken();
        parts.push(current);
        current = null;
        sawColon = true;
        continue;
      }
      if (current) this.fail('expected ] or : in subscript', t.lineno, t.colno);
      current = this.parseExpression();
    }
    if (!sawColon) {
      if (!current) this.fail('empty subscript', open?.lineno, open?.colno);
      return current;
    }
    parts.push(current);
    if (parts.length > 3) this.fail('invalid slice', open?.lineno, open?.colno);
    const lit = (n: NjNode | null | undefined) => n ?? new nj.nodes.Literal(open?.lineno ?? 0, open?.colno ?? 0, null);
    return new SliceNode(open?.lineno ?? 0, open?.colno ?? 0, [lit(parts[0]), lit(parts[1]), lit(parts[2])]);
  }
}

export function parseTemplate(src: string, extensions: unknown[], opts: unknown): NjNode {
  const p: NjParser = new TxParser(lx.lex(src, opts));
  p.extensions = extensions;
  return p.parseAsRoot();
}
