/**
 * The nunjucks Parser with Jinja's expression grammar where it differs: Python subscripts and
 * slices, tuples, trailing commas, float literals, adjacent string literals, `is` tests with a
 * bare argument (`x is divisibleby 3`), and the statement tags tx adds (see parse-tags.ts).
 */
import { nj, type NjNode, type NjNodeList, type NjParser, type NjToken } from './nunjucks-internals.js';
import { STATEMENTS } from './parse-tags.js';
import { tokenize } from './tx-lexer.js';
import { FloatNode, SliceNode, StarArgsNode, StarKwargsNode, TupleNode } from './tx-nodes.js';
import { parseCompare, parseCondExpr, parsePow, parseUnary, type ExprParser } from './parse-operators.js';

const lx = nj.lexer;
const N = nj.nodes;

/** Tokens that can start a test's bare argument (Jinja's parse_test). */
const ARG_START = new Set([lx.TOKEN_STRING, lx.TOKEN_INT, lx.TOKEN_FLOAT, lx.TOKEN_SYMBOL, lx.TOKEN_NONE, lx.TOKEN_BOOLEAN, lx.TOKEN_LEFT_BRACKET, lx.TOKEN_LEFT_CURLY]);
const NOT_AN_ARG = new Set(['and', 'or', 'else', 'if', 'is', 'in', 'not', 'recursive']);

export class TxParser extends nj.parser.Parser {
  override parseStatement(): NjNode | null {
    const tok = this.peekToken();
    const parse = tok?.type === lx.TOKEN_SYMBOL ? STATEMENTS[tok.value] : undefined;
    if (parse && !this.breakOnBlocks?.includes(tok.value)) return parse(this);
    return super.parseStatement();
  }

  /**
   * `{% raw %}…{% endraw %}` as Jinja lexes it: the first endraw ends the block (no nesting),
   * and `-` on either tag strips the whitespace next to it (`raw -%}` the content's start,
   * `{%- endraw` its end, `endraw -%}` what follows).
   */
  parseRaw(tagName?: string): NjNode {
    const tag = tagName ?? 'raw';
    const self = this as unknown as { dropLeadingWhitespace: boolean; tokens: { _extractRegex(re: RegExp): RegExpMatchArray | null } };
    const begun = this.advanceAfterBlockEnd();
    const strip = begun.value.startsWith('-');
    self.dropLeadingWhitespace = false;
    const m = self.tokens._extractRegex(new RegExp(`^([\\s\\S]*?)\\{%([-+]?)\\s*end${tag}\\s*(-?)%\\}`));
    if (!m) this.fail(`unexpected end of file: missing {% end${tag} %}`, begun.lineno, begun.colno);
    let text = m[1] ?? '';
    if (strip) text = text.replace(/^\s+/, '');
    if (m[2] === '-') text = text.replace(/\s+$/, '');
    if (m[3] === '-') self.dropLeadingWhitespace = true;
    return new N.Output(begun.lineno, begun.colno, [new N.TemplateData(begun.lineno, begun.colno, text)]);
  }

  override parsePrimary(noPostfix?: boolean): NjNode {
    const tok = this.peekToken();
    if (tok?.type === lx.TOKEN_FLOAT) {
      this.nextToken();
      const node = new FloatNode(tok.lineno, tok.colno, Number(tok.value));
      return noPostfix ? node : this.parsePostfix(node);
    }
    if (tok?.type === lx.TOKEN_STRING) {
      // 'a' 'b' is one string in Jinja (Python's implicit concatenation).
      this.nextToken();
      let value = tok.value;
      while (this.peekToken()?.type === lx.TOKEN_STRING) value += (this.nextToken() as NjToken).value;
      const node = new N.Literal(tok.lineno, tok.colno, value);
      return noPostfix ? node : this.parsePostfix(node);
    }
    return super.parsePrimary(noPostfix);
  }

  override parsePostfix(node: NjNode): NjNode {
    let tok = this.peekToken();
    while (tok) {
      if (tok.type === lx.TOKEN_LEFT_PAREN) {
        node = new N.FunCall(tok.lineno, tok.colno, node, this.parseSignature());
      } else if (tok.type === lx.TOKEN_LEFT_BRACKET) {
        node = new N.LookupVal(tok.lineno, tok.colno, node, this.parseSubscript());
      } else if (tok.type === lx.TOKEN_OPERATOR && tok.value === '.') {
        this.nextToken();
        const name = this.nextToken();
        if (!name || (name.type !== lx.TOKEN_SYMBOL && name.type !== lx.TOKEN_INT)) {
          this.fail(`expected name as lookup value, got ${name?.value ?? 'end of file'}`, name?.lineno, name?.colno);
        }
        const key = name.type === lx.TOKEN_INT ? Number(name.value) : name.value;
        node = new N.LookupVal(tok.lineno, tok.colno, node, new N.Literal(name.lineno, name.colno, key));
        if (typeof key === 'string') node['attr'] = true;
      } else {
        break;
      }
      tok = this.peekToken();
    }
    return node;
  }

  /** `[expr]` or a slice `[start:stop:step]` with any part omitted. */
  private parseSubscript(): NjNode {
    const open = this.nextToken() as NjToken;
    const parts: (NjNode | null)[] = [];
    let current: NjNode | null = null;
    let sawColon = false;
    for (;;) {
      const t = this.peekToken();
      if (!t) this.fail('unexpected end of file in subscript', open.lineno, open.colno);
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
      if (!current) this.fail('empty subscript', open.lineno, open.colno);
      return current;
    }
    parts.push(current);
    if (parts.length > 3) this.fail('invalid slice', open.lineno, open.colno);
    const lit = (n: NjNode | null | undefined) => n ?? new N.Literal(open.lineno, open.colno, null);
    return new SliceNode(open.lineno, open.colno, [lit(parts[0]), lit(parts[1]), lit(parts[2])]);
  }

  /** `(...)`, `[...]`, `{...}` with trailing commas; `(a,)`, `(a, b)` and `()` are tuples. */
  override parseAggregate(): NjNode | null {
    const tok = this.nextToken() as NjToken;
    if (tok.type === lx.TOKEN_LEFT_PAREN) {
      if (this.skip(lx.TOKEN_RIGHT_PAREN)) return new TupleNode(tok.lineno, tok.colno, []);
      const first = this.parseExpression();
      if (this.skip(lx.TOKEN_RIGHT_PAREN)) return new N.Group(tok.lineno, tok.colno, [first]);
      if (!this.skip(lx.TOKEN_COMMA)) this.fail('expected , or ) in a parenthesised expression', tok.lineno, tok.colno);
      return this.finishList(new TupleNode(tok.lineno, tok.colno, [first]), lx.TOKEN_RIGHT_PAREN, () => this.parseExpression());
    }
    if (tok.type === lx.TOKEN_LEFT_BRACKET) {
      return this.finishList(new N.Array(tok.lineno, tok.colno, []), lx.TOKEN_RIGHT_BRACKET, () => this.parseExpression());
    }
    if (tok.type === lx.TOKEN_LEFT_CURLY) {
      return this.finishList(new N.Dict(tok.lineno, tok.colno, []), lx.TOKEN_RIGHT_CURLY, () => {
        const key = this.parseExpression();
        if (!this.skip(lx.TOKEN_COLON)) this.fail('expected colon after dict key', key.lineno, key.colno);
        return new N.Pair(key.lineno, key.colno, key, this.parseExpression());
      });
    }
    return null;
  }

  /** Items until `close`, comma separated, a trailing comma allowed. */
  private finishList(node: NjNode, close: string, item: () => NjNode): NjNode {
    const list = node as NjNodeList;
    for (;;) {
      if (this.skip(close)) return node;
      list.addChild(item());
      if (!this.skip(lx.TOKEN_COMMA)) {
        if (this.skip(close)) return node;
        const t = this.peekToken();
        this.fail(`expected , or closing bracket, got ${t?.value ?? 'end of file'}`, t?.lineno, t?.colno);
      }
    }
  }

  /**
   * Call arguments: positional, `name=value`, `*args` and `**kwargs`, a trailing comma allowed.
   * The result is a NodeList: positional args, then a StarArgs node, the KeywordArgs node, and
   * a StarKwargs node, each only when present.
   */
  override parseSignature(tolerant?: boolean, noParens?: boolean): NjNodeList {
    let tok = this.peekToken();
    if (!noParens && tok?.type !== lx.TOKEN_LEFT_PAREN) {
      if (tolerant) return null as unknown as NjNodeList;
      this.fail('expected arguments', tok?.lineno, tok?.colno);
    }
    if (tok.type === lx.TOKEN_LEFT_PAREN) tok = this.nextToken() as NjToken;
    const args = new N.NodeList(tok.lineno, tok.colno, []) as NjNodeList;
    const kwargs = new N.KeywordArgs(tok.lineno, tok.colno, []) as NjNodeList;
    let star: NjNode | undefined;
    let starKw: NjNode | undefined;
    for (;;) {
      const t = this.peekToken();
      if (!t) this.fail('unexpected end of file in an argument list', tok.lineno, tok.colno);
      if (noParens ? t.type === lx.TOKEN_BLOCK_END : this.skip(lx.TOKEN_RIGHT_PAREN)) break;
      if (t.type === lx.TOKEN_OPERATOR && (t.value === '*' || t.value === '**')) {
        this.nextToken();
        if (t.value === '*') star = this.parseExpression();
        else starKw = this.parseExpression();
      } else {
        const arg = this.parseExpression();
        if (this.skipValue(lx.TOKEN_OPERATOR, '=')) kwargs.addChild(new N.Pair(arg.lineno, arg.colno, arg, this.parseExpression()));
        else args.addChild(arg);
      }
      if (this.skip(lx.TOKEN_COMMA)) continue;
      if (noParens) break;
      const close = this.nextToken();
      if (!close || close.type !== lx.TOKEN_RIGHT_PAREN) this.fail(`expected , or ) in an argument list, got ${close?.value ?? 'end of file'}`, close?.lineno, close?.colno);
      break;
    }
    if (star) args.addChild(new StarArgsNode(star.lineno, star.colno, star));
    if (kwargs.children.length > 0) args.addChild(kwargs);
    if (starKw) args.addChild(new StarKwargsNode(starKw.lineno, starKw.colno, starKw));
    return args;
  }

  // Jinja's precedence below `not` (see parse-operators.ts); nunjucks' parseNot calls parseIn.
  override parseInlineIf(): NjNode {
    return parseCondExpr(this as unknown as ExprParser);
  }
  parseIn(): NjNode {
    return parseCompare(this as unknown as ExprParser);
  }
  override parseCompare(): NjNode {
    return parseCompare(this as unknown as ExprParser);
  }
  parsePow(): NjNode {
    return parsePow(this as unknown as ExprParser);
  }
  parseUnary(noFilters?: boolean): NjNode {
    return parseUnary(this as unknown as ExprParser, noFilters);
  }

  /** `x is name`, `x is name(args)`, `x is name arg`, `x is not ...` after `x` (a filter-level postfix, as in Jinja). */
  parseTest(node: NjNode): NjNode {
    this.nextToken(); // is
    const not = this.skipSymbol('not');
    const nameTok = this.nextToken();
    if (!nameTok || ![lx.TOKEN_SYMBOL, lx.TOKEN_NONE, lx.TOKEN_BOOLEAN].includes(nameTok.type)) {
      this.fail('expected a test name after "is"', nameTok?.lineno, nameTok?.colno);
    }
    let testName = nameTok.value === 'null' ? 'none' : nameTok.value;
    while (this.peekToken()?.type === lx.TOKEN_OPERATOR && this.peekToken().value === '.') {
      this.nextToken();
      testName += '.' + (this.nextToken()?.value ?? '');
    }
    const name = new N.Symbol(nameTok.lineno, nameTok.colno, testName);
    let args: NjNodeList | undefined;
    const next = this.peekToken();
    if (next?.type === lx.TOKEN_LEFT_PAREN) args = this.parseSignature();
    else if (next && ARG_START.has(next.type) && !(next.type === lx.TOKEN_SYMBOL && NOT_AN_ARG.has(next.value))) {
      args = new N.NodeList(next.lineno, next.colno, [this.parsePrimary()]) as NjNodeList;
    }
    const test = args ? new N.FunCall(nameTok.lineno, nameTok.colno, name, args) : name;
    const is = new N.Is(node.lineno, node.colno, node, test);
    return not ? new N.Not(node.lineno, node.colno, is) : is;
  }

  /** An expression, or a bare tuple `a, b` where Jinja accepts one (set values, for iterables). */
  parseTupleExpression(parseItem: () => NjNode = () => this.parseExpression()): NjNode {
    const first = parseItem();
    if (this.peekToken()?.type !== lx.TOKEN_COMMA) return first;
    const node = new TupleNode(first.lineno, first.colno, [first]) as NjNodeList;
    while (this.skip(lx.TOKEN_COMMA)) {
      const t = this.peekToken();
      if (!t || t.type === lx.TOKEN_BLOCK_END) break;
      node.addChild(parseItem());
    }
    return node;
  }
}

export type TxParserApi = TxParser & NjParser;

export function parseTemplate(src: string, extensions: unknown[], opts: unknown): NjNode {
  const p = new TxParser(tokenize(src, opts)) as TxParserApi;
  p.extensions = extensions;
  return p.parseAsRoot();
}
