/**
 * The nunjucks Compiler, re-pointed at Python semantics. Every override emits a call to a
 * helper on the per-instance environment (`env.txMember`, `env.txOutput`, ...), so the
 * shared nunjucks runtime is never patched. Statements live in compile-loop.ts,
 * compile-macro.ts and compile-scope.ts, calls and lookups in compile-calls.ts; this file
 * holds the dispatch and the remaining expression overrides.
 */
import { runtimeLookup, type TxCompilerApi } from './compile-frames.js';
import { compileCall, compileLookup, compileTest } from './compile-calls.js';
import { compileLoop } from './compile-loop.js';
import { compileMacroFunction } from './compile-macro.js';
import { compileCapture, compileDo, compileLoopControl, compileScope, compileSet, compileWith } from './compile-scope.js';
import { nj, type NjCompiler, type NjFrame, type NjNode, type NjNodeList } from './nunjucks-internals.js';
import { TruthyNode } from './tx-nodes.js';

const CONSTANTS: Record<string, string> = { True: 'true', False: 'false', None: 'null' };
const BINARY: Record<string, string> = { Add: 'txAdd', Sub: 'txSub', Mul: 'txMul', Div: 'txDiv', FloorDiv: 'txFloorDiv', Mod: 'txMod', Pow: 'txPow', Concat: 'txConcat', In: 'txIn' };

const Base = nj.compiler.Compiler;
export class TxCompiler extends Base implements TxCompilerApi {
  /**
   * Compiling a macro file: names not bound locally skip the file's own top-level context
   * (where nunjucks keeps the raw macros) and go to the globals, so same-file macro calls
   * resolve through the registry's wrapper exactly like cross-file calls.
   */
  macroFile = false;
  loops: { frameVar: string }[] = [];

  expr(node: NjNode, frame: NjFrame): void {
    this.compile(node, frame);
  }

  private helper(name: string, args: NjNode[], frame: NjFrame): void {
    this._emit(`env.${name}(`);
    args.forEach((a, i) => {
      if (i > 0) this._emit(', ');
      this.expr(a, frame);
    });
    this._emit(')');
  }

  compileTxTruthy(node: NjNode, frame: NjFrame): void {
    this.helper('txTruthy', [node['target'] as NjNode], frame);
  }

  compileSymbol(node: NjNode, frame: NjFrame): void {
    const name = String(node['value']);
    const local = frame.lookup(name);
    if (local) this._emit(local);
    else if (CONSTANTS[name] !== undefined) this._emit(CONSTANTS[name]);
    else this._emit(runtimeLookup(this, name));
  }

  compileTxFloat(node: NjNode): void {
    const v = Number(node['value']);
    this._emit(Number.isInteger(v) ? `new env.PyFloat(${v})` : String(v));
  }

  compileTxTuple(node: NjNode, frame: NjFrame): void {
    this._emit('env.txTuple(');
    this._compileAggregate(node, frame, '[', ']');
    this._emit(')');
  }

  /** Dict literals: keys are expressions in Jinja (nunjucks reads a bare name as a string). */
  override compileDict(node: NjNode, frame: NjFrame): void {
    if (node.typename === 'KeywordArgs') return super.compileDict(node, frame);
    const pairs = (node as NjNodeList).children;
    const literal = pairs.every((p) => {
      const k = p['key'] as NjNode;
      return k.typename === 'Literal' && typeof k['value'] === 'string' && k['value'] !== '__proto__';
    });
    this._emit(literal ? '{' : 'env.txDict([');
    pairs.forEach((p, i) => {
      if (i > 0) this._emit(', ');
      if (literal) this._emit(JSON.stringify((p['key'] as NjNode)['value']) + ': ');
      else {
        this.expr(p['key'] as NjNode, frame);
        this._emit(', ');
      }
      this.expr(p['value'] as NjNode, frame);
    });
    this._emit(literal ? '}' : '])');
  }

  /** `(x)` is x; tuples are TxTuple nodes. */
  compileGroup(node: NjNode, frame: NjFrame): void {
    this._compileAggregate(node, frame, '(', ')');
  }

  compileLookupVal(node: NjNode, frame: NjFrame): void {
    compileLookup(this, node, frame);
  }

  compileOutput(node: NjNode, frame: NjFrame): void {
    for (const child of (node as NjNodeList).children) {
      if (child.typename === 'TemplateData') {
        if (child['value']) {
          this._emit(`${this.buffer} += `);
          this.compileLiteral(child, frame);
          this._emitLine(';');
        }
      } else {
        this._emit(`${this.buffer} += env.txOutput(`);
        this.expr(child, frame);
        this._emitLine(');');
      }
    }
  }

  compileFunCall(node: NjNode, frame: NjFrame): void {
    compileCall(this, node, frame);
  }

  compileIs(node: NjNode, frame: NjFrame): void {
    compileTest(this, node, frame);
  }

  override compileIf(node: NjNode, frame: NjFrame, async?: boolean): void {
    node['cond'] = new TruthyNode(node.lineno, node.colno, node['cond']);
    super.compileIf(node, frame, async);
  }

  compileInlineIf(node: NjNode, frame: NjFrame): void {
    this._emit('(env.txTruthy(');
    this.expr(node['cond'] as NjNode, frame);
    this._emit(') ? ');
    this.expr(node['body'] as NjNode, frame);
    this._emit(' : ');
    if (node['else_']) this.expr(node['else_'] as NjNode, frame);
    else this._emit('undefined');
    this._emit(')');
  }

  compileNot(node: NjNode, frame: NjFrame): void {
    this._emit('!env.txTruthy(');
    this.expr(node['target'] as NjNode, frame);
    this._emit(')');
  }

  /** Python `and`/`or` return an operand, decided by Python truthiness; the right side stays lazy. */
  private logical(fn: string, node: NjNode, frame: NjFrame): void {
    this._emit(`env.${fn}(`);
    this.expr(node['left'] as NjNode, frame);
    this._emit(', function() { return ');
    this.expr(node['right'] as NjNode, frame);
    this._emit('; })');
  }
  compileAnd(node: NjNode, frame: NjFrame): void {
    this.logical('txAnd', node, frame);
  }
  compileOr(node: NjNode, frame: NjFrame): void {
    this.logical('txOr', node, frame);
  }

  /** Operators track their position (their left operand's), so a type error points at them. */
  private binary(node: NjNode, frame: NjFrame): void {
    this._emit(`(lineno = ${node.lineno}, colno = ${node.colno}, `);
    this.helper(BINARY[node.typename] ?? '', [node['left'] as NjNode, node['right'] as NjNode], frame);
    this._emit(')');
  }
  compileAdd(node: NjNode, frame: NjFrame): void { this.binary(node, frame); }
  compileSub(node: NjNode, frame: NjFrame): void { this.binary(node, frame); }
  compileMul(node: NjNode, frame: NjFrame): void { this.binary(node, frame); }
  compileDiv(node: NjNode, frame: NjFrame): void { this.binary(node, frame); }
  compileFloorDiv(node: NjNode, frame: NjFrame): void { this.binary(node, frame); }
  compileMod(node: NjNode, frame: NjFrame): void { this.binary(node, frame); }
  compilePow(node: NjNode, frame: NjFrame): void { this.binary(node, frame); }
  compileConcat(node: NjNode, frame: NjFrame): void { this.binary(node, frame); }
  compileIn(node: NjNode, frame: NjFrame): void { this.binary(node, frame); }
  compileNeg(node: NjNode, frame: NjFrame): void {
    this._emit(`(lineno = ${node.lineno}, colno = ${node.colno}, `);
    this.helper('txNeg', [node['target'] as NjNode], frame);
    this._emit(')');
  }
  compilePos(node: NjNode, frame: NjFrame): void {
    this.helper('txPos', [node['target'] as NjNode], frame);
  }

  /** `==`/`!=` compare structurally; `<` and friends raise on unorderable types; chains are pairwise. */
  compileCompare(node: NjNode, frame: NjFrame): void {
    const ops = node['ops'] as NjNode[];
    let left = node['expr'] as NjNode;
    this._emit('(');
    ops.forEach((op, i) => {
      if (i > 0) this._emit(' && ');
      const right = op['expr'] as NjNode;
      const type = String(op['type']);
      if (type === '==' || type === '!=') {
        if (type === '!=') this._emit('!');
        this.helper('txEq', [left, right], frame);
      } else if (type === 'in' || type === 'notin') {
        if (type === 'notin') this._emit('!');
        this.helper('txIn', [left, right], frame);
      } else {
        this._emit(`(lineno = ${left.lineno}, colno = ${left.colno}, env.txCmp(${JSON.stringify(type)}, `);
        this.expr(left, frame);
        this._emit(', ');
        this.expr(right, frame);
        this._emit('))');
      }
      left = right;
    });
    this._emit(')');
  }

  compileSet(node: NjNode, frame: NjFrame): void {
    compileSet(this, node, frame);
  }
  compileCapture(node: NjNode, frame: NjFrame): void {
    compileCapture(this, node, frame);
  }
  compileTxFor(node: NjNode, frame: NjFrame): void {
    compileLoop(this, node, frame);
  }
  compileTxWith(node: NjNode, frame: NjFrame): void {
    compileWith(this, node, frame);
  }
  compileTxScope(node: NjNode, frame: NjFrame): void {
    compileScope(this, node, frame);
  }
  compileTxDo(node: NjNode, frame: NjFrame): void {
    compileDo(this, node, frame);
  }
  compileTxBreak(node: NjNode): void {
    compileLoopControl(this, node, 'break');
  }
  compileTxContinue(node: NjNode): void {
    compileLoopControl(this, node, 'continue');
  }

  /** Used by nunjucks' compileCaller for `{% call %}` blocks. */
  _compileMacro(node: NjNode, frame?: NjFrame): string {
    return compileMacroFunction(this, node, frame);
  }

  /**
   * A macro definition. Every top-level macro is exported (nunjucks skips names starting with
   * `_`, which dbt packages use). In a macro file, calls to a top-level macro are not bound to
   * it at compile time, so they resolve through the registry (root-project overrides first).
   */
  compileMacro(node: NjNode, frame: NjFrame): void {
    const funcId = compileMacroFunction(this, node, frame);
    const name = String((node['name'] as NjNode)['value']);
    const q = JSON.stringify(name);
    if (frame.parent) {
      frame.set(name, funcId);
      this._emitLine(`frame.set(${q}, ${funcId});`);
      return;
    }
    if (!this.macroFile) frame.set(name, funcId);
    this._emitLine(`context.addExport(${q});`);
    this._emitLine(`context.setVariable(${q}, ${funcId});`);
  }
}

export type { NjCompiler };
