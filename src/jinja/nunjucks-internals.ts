/**
 * Typed views of the nunjucks internals tx extends (Compiler, Parser, nodes, lexer).
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
}
export type NjFrame = { parent: NjFrame | null; lookup(name: string): string | undefined; set(name: string, v: string): void };
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
  _compileExpression(node: NjNode, frame: NjFrame): void;
  _compileAggregate(node: NjNode, frame: NjFrame, start?: string, end?: string): void;
  _getNodeName(node: NjNode): string;
  compileSet(node: NjNode, frame: NjFrame): void;
  compileFor(node: NjNode, frame: NjFrame): void;
  compileIf(node: NjNode, frame: NjFrame, async?: boolean): void;
  compileMacro(node: NjNode, frame: NjFrame): void;
  _compileMacro(node: NjNode, frame?: NjFrame): string;
  compileLiteral(node: NjNode, frame?: NjFrame): void;
}

export interface NjToken { type: string; value: string; lineno: number; colno: number }
export interface NjParser {
  extensions: unknown[];
  peekToken(): NjToken | null;
  nextToken(withWhitespace?: boolean): NjToken | null;
  pushToken(tok: NjToken): void;
  skip(type: string): boolean;
  skipValue(type: string, value: string): boolean;
  expect(type: string): NjToken;
  fail(msg: string, lineno?: number, colno?: number): never;
  parseSignature(tolerant?: boolean, noParens?: boolean): NjNode;
  parseExpression(): NjNode;
  parsePostfix(node: NjNode): NjNode;
  parseAsRoot(): NjNode;
  advanceAfterBlockEnd(name?: string): NjToken;
}

interface NjModules {
  compiler: { Compiler: new (templateName: string, throwOnUndefined: boolean) => NjCompiler };
  parser: { Parser: new (tokens: unknown) => NjParser };
  lexer: {
    lex(src: string, opts: unknown): unknown;
    TOKEN_LEFT_PAREN: string; TOKEN_LEFT_BRACKET: string; TOKEN_RIGHT_BRACKET: string;
    TOKEN_OPERATOR: string; TOKEN_SYMBOL: string; TOKEN_COLON: string; TOKEN_BLOCK_END: string;
  };
  nodes: Record<
    'Literal' | 'Symbol' | 'LookupVal' | 'FunCall' | 'Not' | 'NodeList' | 'Array' | 'Macro' | 'Dict' | 'Pair' | 'CallExtension' | 'KeywordArgs',
    NodeCtor
  > & { Node: NodeCtor };
  runtime: {
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
