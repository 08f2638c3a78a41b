/** Jinja's `loop` object: indexes, neighbours, cycle(), changed(), depth and recursion. */
import { TxCodes, TxError } from '../errors/tx-error.js';
import { tuple } from './py-types.js';
import { pyEq } from './py-values.js';

const UNSET = Symbol('unset');

export class LoopContext {
  index0 = -1;
  private lastChanged: unknown = UNSET;

  constructor(
    private readonly items: readonly unknown[],
    readonly depth0: number,
    private readonly recurse?: (items: unknown) => unknown,
  ) {}

  get index(): number {
    return this.index0 + 1;
  }
  get length(): number {
    return this.items.length;
  }
  get revindex(): number {
    return this.items.length - this.index0;
  }
  get revindex0(): number {
    return this.items.length - this.index0 - 1;
  }
  get first(): boolean {
    return this.index0 === 0;
  }
  get last(): boolean {
    return this.index0 === this.items.length - 1;
  }
  get depth(): number {
    return this.depth0 + 1;
  }
  /** Undefined (not None) before the first and after the last item, as in Jinja. */
  get previtem(): unknown {
    return this.index0 > 0 ? this.items[this.index0 - 1] : undefined;
  }
  get nextitem(): unknown {
    return this.index0 + 1 < this.items.length ? this.items[this.index0 + 1] : undefined;
  }

  cycle(...args: unknown[]): unknown {
    if (args.length === 0) throw new TxError({ code: TxCodes.TemplateRender, message: 'no items for cycling given' });
    return args[this.index0 % args.length];
  }

  changed(...args: unknown[]): boolean {
    const v = tuple(args);
    if (this.lastChanged !== UNSET && pyEq(v, this.lastChanged)) return false;
    this.lastChanged = v;
    return true;
  }

  /** `loop(children)` in a recursive loop renders the children one level deeper. */
  __call__(items: unknown): unknown {
    if (!this.recurse) throw new TxError({ code: TxCodes.TemplateRender, message: "Tried to call non recursive loop. Maybe you forgot the 'recursive' modifier." });
    return this.recurse(items);
  }

  toString(): string {
    return `<LoopContext ${this.index}/${this.length}>`;
  }
}
