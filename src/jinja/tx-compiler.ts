/**
 * The nunjucks Compiler, re-pointed at Python semantics. Every override emits a call to a
 * helper on the per-instance environment (`env.txMember`, `env.txOutput`, ...), so the
 * shared nunjucks runtime is never patched.
 */
import { nj, type NjCompiler, type NjFrame, type NjNode, type NjNodeList, type NodeCtor } from './nunjucks-internals.js';

/** Wrapper nodes: subclasses of `Not` so nunjucks' expression type checks accept them. */
function subNode(base: NodeCtor, typename: string): NodeCtor {
  const cls = class extends base {};
  Object.defineProperty(cls.prototype, 'typename', { get: () => typename });
  return cls;
}
const wrapperNode = (typename: string): NodeCtor => subNode(nj.nodes.Not, typename);
const TruthyNode = wrapperNode('TxTruthy');
const IterNode = wrapperNode('TxIter');
const PairIterNode = wrapperNode('TxPairIter');
/** A macro body: positions errors inside the macro's own file and binds varargs/kwargs. */
const MacroBodyNode: NodeCtor = subNode(nj.nodes.NodeList, 'TxMacroBody');
/** A for-loop body: adds `loop.cycle` to nunjucks' loop object. */
const LoopBodyNode: NodeCtor = subNode(nj.nodes.NodeList, 'TxLoopBody');

/** `x[a:b:c]`, produced by TxParser as the key of a LookupVal. */
export const SliceNode: NodeCtor = subNode(nj.nodes.NodeList, 'TxSlice');

/** How a callee is named in messages: `ref`, `dbt_utils.star`, `x[...]`. */
function displayName(n: NjNode): string {
  if (n.typename === 'Symbol') return String(n['value']);
  if (n.typename === 'LookupVal') {
    const key = n['val'] as NjNode;
    const k = key.typename === 'Literal' && typeof key['value'] === 'string' ? `.${key['value']}` : '[...]';
    return displayName(n['target'] as NjNode) + k;
  }
  if (n.typename === 'FunCall') return displayName(n['name'] as NjNode) + '(...)';
  return 'expression';
}

const CONSTANTS: Record<string, string> = { True: 'true', False: 'false', None: 'null' };

const Base = nj.compiler.Compiler;
export class TxCompiler extends Base {
  /**
   * Compiling a macro file: names not bound locally skip the file's own top-level context
   * (where nunjucks keeps the raw macros) and go to the globals, so same-file macro calls
   * resolve through the registry's wrapper exactly like cross-file calls.
   */
  macroFile = false;

  private expr(node: NjNode, frame: NjFrame): void {
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

  compileTxIter(node: NjNode, frame: NjFrame): void {
    this.helper('txIter', [node['target'] as NjNode], frame);
  }

  compileTxPairIter(node: NjNode, frame: NjFrame): void {
    this.helper('txPairIter', [node['target'] as NjNode], frame);
  }

  compileSymbol(node: NjNode, frame: NjFrame): void {
    this.symbol(node, frame, false);
  }

  /** `strict`: an unbound name raises "'x' is undefined" (Jinja2's Undefined on attribute access). */
  private symbol(node: NjNode, frame: NjFrame, strict: boolean): void {
    const name = String(node['value']);
    const local = frame.lookup(name);
    if (local) this._emit(local);
    else if (CONSTANTS[name] !== undefined) this._emit(CONSTANTS[name]);
    else this._emit(`env.txName(context, frame, ${JSON.stringify(name)}, ${this.macroFile}, ${strict})`);
  }

  compileLookupVal(node: NjNode, frame: NjFrame): void {
    const key = node['val'] as NjNode;
    const target = node['target'] as NjNode;
    // Track the position so a failing lookup (undefined name, slice of None) points here.
    this._emit(`(lineno = ${target.lineno}, colno = ${target.colno}, `);
    if (key.typename === 'TxSlice') {
      this.helper('txSlice', [target, ...(key as NjNodeList).children], frame);
    } else {
      this._emit('env.txMember(');
      if (target.typename === 'Symbol') this.symbol(target, frame, true);
      else this.expr(target, frame);
      this._emit(', ');
      this.expr(key, frame);
      this._emit(')');
    }
    this._emit(')');
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

  /** Position errors at the callee's name (its leftmost token), not at the parenthesis. */
  compileFunCall(node: NjNode, frame: NjFrame): void {
    let head = node['name'] as NjNode;
    while (head.typename === 'LookupVal' || head.typename === 'FunCall') head = (head['target'] ?? head['name']) as NjNode;
    this._emit(`(lineno = ${head.lineno}, colno = ${head.colno}, env.txCall(`);
    this.expr(node['name'] as NjNode, frame);
    this._emit(`, ${JSON.stringify(displayName(node['name'] as NjNode))}, context, `);
    this._compileAggregate(node['args'] as NjNode, frame, '[', ']');
    this._emit('))');
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

  compileAdd(node: NjNode, frame: NjFrame): void {
    this.helper('txAdd', [node['left'] as NjNode, node['right'] as NjNode], frame);
  }
  compileSub(node: NjNode, frame: NjFrame): void {
    this.helper('txSub', [node['left'] as NjNode, node['right'] as NjNode], frame);
  }
  compileMul(node: NjNode, frame: NjFrame): void {
    this.helper('txMul', [node['left'] as NjNode, node['right'] as NjNode], frame);
  }
  compileMod(node: NjNode, frame: NjFrame): void {
    this.helper('txMod', [node['left'] as NjNode, node['right'] as NjNode], frame);
  }
  compileConcat(node: NjNode, frame: NjFrame): void {
    this.helper('txConcat', [node['left'] as NjNode, node['right'] as NjNode], frame);
  }
  /** `(a, b)` is a tuple in Jinja; nunjucks would compile it to JS's comma operator. */
  compileGroup(node: NjNode, frame: NjFrame): void {
    const children = (node as NjNodeList).children;
    this._compileAggregate(node, frame, children.length === 1 ? '(' : '[', children.length === 1 ? ')' : ']');
  }
  compileIn(node: NjNode, frame: NjFrame): void {
    this.helper('txIn', [node['left'] as NjNode, node['right'] as NjNode], frame);
  }

  /** `==`/`!=` compare structurally like Python; chains (`a < b < c`) are pairwise. */
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
      } else {
        this._emit('(');
        this.expr(left, frame);
        this._emit(` ${type} `);
        this.expr(right, frame);
        this._emit(')');
      }
      left = right;
    });
    this._emit(')');
  }

  /** `{% set ns.attr = value %}` assigns an attribute (Jinja namespaces); plain sets are nunjucks'. */
  override compileSet(node: NjNode, frame: NjFrame): void {
    const targets = node['targets'] as NjNode[];
    const t = targets[0];
    if (targets.length === 1 && t && t.typename === 'LookupVal') {
      this._emit('env.txSetAttr(');
      this.expr(t['target'] as NjNode, frame);
      this._emit(', ');
      this.expr(t['val'] as NjNode, frame);
      this._emit(', ');
      if (node['value']) this.expr(node['value'] as NjNode, frame);
      else this.compile(node['body'] as NjNode, frame);
      this._emitLine(');');
      return;
    }
    super.compileSet(node, frame);
  }

  override compileFor(node: NjNode, frame: NjFrame): void {
    const pairs = (node['name'] as NjNode).typename === 'Array';
    node['arr'] = new (pairs ? PairIterNode : IterNode)(node.lineno, node.colno, node['arr']);
    node['body'] = new LoopBodyNode(node.lineno, node.colno, [node['body']]);
    super.compileFor(node, frame);
  }

  compileTxLoopBody(node: NjNode, frame: NjFrame): void {
    this._emitLine('env.txLoopExtras(frame);');
    for (const c of (node as NjNodeList).children) this.compile(c, frame);
  }

  /**
   * Every macro (and call-block) body runs in a try/catch with its own lineno/colno, so a
   * failure inside it is positioned in the file that defines it; the macro's caller then
   * adds itself as "called from". Macros also get Jinja's `varargs` and `kwargs`.
   */
  override _compileMacro(node: NjNode, frame?: NjFrame): string {
    const isMacro = node.typename === 'Macro';
    const children = (node['args'] as NjNodeList).children;
    const declared: string[] = [];
    children.forEach((a, i) => {
      if (i === children.length - 1 && a instanceof nj.nodes.Dict) {
        for (const p of (a as NjNodeList).children) declared.push(String((p['key'] as NjNode)['value']));
      } else declared.push(String(a['value']));
    });
    node['body'] = new MacroBodyNode(node.lineno, node.colno, [node['body']]);
    (node['body'] as NjNode)['declared'] = isMacro ? declared : undefined;
    const id = super._compileMacro(node, frame);
    if (isMacro) this._emitLine(`${id} = env.txMacroArgs(${id}, ${declared.length});`);
    return id;
  }

  compileTxMacroBody(node: NjNode, frame: NjFrame): void {
    this._emitLine(`var lineno = ${node.lineno}, colno = ${node.colno};`);
    this._emitLine('try {');
    const declared = node['declared'] as string[] | undefined;
    if (declared) {
      this._emitLine('frame.set("varargs", env.txVarargs(kwargs));');
      this._emitLine(`frame.set("kwargs", env.txExtraKwargs(kwargs, ${JSON.stringify(declared)}));`);
    }
    for (const c of (node as NjNodeList).children) this.compile(c, frame);
    this._emitLine(`} catch (e) { throw env.txLocate(e, ${JSON.stringify(this.templateName)}, lineno, colno); }`);
  }

  /** nunjucks exports only macros whose names lack a leading `_`; dbt packages define such macros. */
  override compileMacro(node: NjNode, frame: NjFrame): void {
    super.compileMacro(node, frame);
    const name = String((node['name'] as NjNode)['value']);
    if (!frame.parent && name.startsWith('_')) this._emitLine(`context.addExport(${JSON.stringify(name)});`);
  }
}

export type { NjCompiler };
