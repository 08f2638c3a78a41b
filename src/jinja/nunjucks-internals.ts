/**
 * Typed views of the nunjucks internals tx extends (Compiler, Parser, Tokenizer, nodes, Frame).
 * @types/nunjucks only describes the public rendering API, so the extension points are
 * declared here once instead of sprinkling `any` through the compiler and parser code.
 */
import nunjucks from 'nunjucks';

export interface NjNode {
  readonly typename: string;
  lineno: number;
  colno: number;
  fields: string[];
  [field: string]: unknown;
}
export interface NjNodeList extends NjNode {
  children: NjNode[];
  addChild(node: NjNode): void;
}
/** A compile-time or runtime frame: names to JS ids (compile time) or to values (runtime). */
export interface NjFrame {
  parent: NjFrame | null;
  isolateWrites: boolean;
  variables: Record<string, string | undefined>;
  topLevel: boolean;
  lookup(name: string): string | undefined;
  set(name: string, v: string): void;
  push(isolateWrites?: boolean): NjFrame;
  pop(): NjFrame;
}
export type NodeCtor = new (lineno: number, colno: number, ...fields: unknown[]) => NjNode;

export interface NjCompiler {
  templateName: string;
  buffer: string;
  codebuf: string[];
  compile(node: NjNode, frame?: NjFrame): void;
  getCode(): string;
  fail(msg: string, lineno?: number, colno?: number): never;
  _emit(code: string): void;
  _emitLine(code: string): void;
  _tmpid(): string;
  _pushBuffer(): string;
  _popBuffer(): void;
  _withScopedSyntax(fn: () => void): void;
  _compileExpression(node: NjNode, frame: NjFrame): void;
  _compileAggregate(node: NjNode, frame: NjFrame, start?: string, end?: string): void;
  _getNodeName(node: NjNode): string;
  compileDict(node: NjNode, frame: NjFrame): void;
  compileIf(node: NjNode, frame: NjFrame, async?: boolean): void;
  compileLiteral(node: NjNode, frame?: NjFrame): void;
}

export interface NjToken { type: string; value: string; lineno: number; colno: number }
export interface NjParser {
  extensions: unknown[];
  breakOnBlocks: string[] | null;
  peekToken(): NjToken;
  nextToken(withWhitespace?: boolean): NjToken | null;
  pushToken(tok: NjToken): void;
  skip(type: string): boolean;
  skipValue(type: string, value: string): boolean;
  skipSymbol(value: string): boolean;
  expect(type: string): NjToken;
  fail(msg: string, lineno?: number, colno?: number): never;
  parseSignature(tolerant?: boolean, noParens?: boolean): NjNodeList;
  parseExpression(): NjNode;
  parseInlineIf(): NjNode;
  parseOr(): NjNode;
  parseCompare(): NjNode;
  parsePrimary(noPostfix?: boolean): NjNode;
  parsePostfix(node: NjNode): NjNode;
  parseFilter(node: NjNode): NjNode;
  parseAggregate(): NjNode | null;
  parseStatement(): NjNode | null;
  parseUntilBlocks(...names: string[]): NjNodeList;
  parseAsRoot(): NjNode;
  advanceAfterBlockEnd(name?: string): NjToken;
}

/** nunjucks' Tokenizer: the lexer state tx's tokenizer subclass reads and rewinds. */
export interface NjTokenizer {
  str: string;
  index: number;
  in_code: boolean;
  nextToken(): NjToken | null;
  current(): string;
  forward(): void;
  forwardN(n: number): void;
  back(): void;
  isFinished(): boolean;
}

export type NodeName =
  | 'Literal' | 'Symbol' | 'LookupVal' | 'FunCall' | 'Not' | 'NodeList' | 'Array' | 'Macro' | 'Dict' | 'Pair'
  | 'KeywordArgs' | 'Group' | 'Is' | 'Capture' | 'Filter' | 'For' | 'Set' | 'Output' | 'TemplateData'
  | 'InlineIf' | 'Compare' | 'CompareOperand' | 'In' | 'Concat' | 'Neg' | 'Pos'
  | 'Add' | 'Sub' | 'Mul' | 'Div' | 'FloorDiv' | 'Mod' | 'Pow';

interface NjModules {
  compiler: { Compiler: new (templateName: string, throwOnUndefined: boolean) => NjCompiler };
  parser: { Parser: new (tokens: unknown) => NjParser };
  lexer: {
    lex(src: string, opts: unknown): NjTokenizer;
    TOKEN_LEFT_PAREN: string; TOKEN_RIGHT_PAREN: string; TOKEN_LEFT_BRACKET: string; TOKEN_RIGHT_BRACKET: string;
    TOKEN_LEFT_CURLY: string; TOKEN_RIGHT_CURLY: string; TOKEN_OPERATOR: string; TOKEN_SYMBOL: string;
    TOKEN_COLON: string; TOKEN_COMMA: string; TOKEN_PIPE: string; TOKEN_BLOCK_START: string; TOKEN_BLOCK_END: string;
    TOKEN_VARIABLE_START: string; TOKEN_VARIABLE_END: string; TOKEN_STRING: string; TOKEN_INT: string;
    TOKEN_FLOAT: string; TOKEN_BOOLEAN: string; TOKEN_NONE: string; TOKEN_TILDE: string;
  };
  nodes: Record<NodeName, NodeCtor> & { Node: NodeCtor };
  runtime: {
    Frame: new (parent?: NjFrame | null, isolateWrites?: boolean) => NjFrame;
    SafeString: new (s: string) => { val: string; toString(): string };
    makeKeywordArgs<T extends object>(o: T): T;
    markSafe(v: unknown): unknown;
  };
  lib: { TemplateError: new (msg: unknown, lineno?: number, colno?: number) => Error };
}

export const nj = nunjucks as unknown as NjModules & typeof nunjucks;
export const SafeString = nj.runtime.SafeString;

export function isSafeString(v: unknown): v is { val: string; toString(): string } {
  return v instanceof SafeString;
}

/** A node class deriving from `base` with its own typename (and optionally its own fields). */
export function subNode(base: NodeCtor, typename: string, fields?: string[]): NodeCtor {
  const cls = class extends base {};
  Object.defineProperty(cls.prototype, 'typename', { get: () => typename });
  if (fields) Object.defineProperty(cls.prototype, 'fields', { get: () => fields });
  return cls;
}
