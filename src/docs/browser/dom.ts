/**
 * The slice of the DOM the docs site uses, typed by hand. tx compiles with Node's types
 * only (adding lib "dom" would change globals for the whole program), so browser modules
 * reach the DOM through these structural types and the few helpers below.
 */

export interface DomEvent {
  type: string;
  target: El | null;
  key: string;
  clientX: number;
  clientY: number;
  deltaY: number;
  deltaMode: number;
  button: number;
  pointerId: number;
  detail: number;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  preventDefault(): void;
  stopPropagation(): void;
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface El {
  readonly tagName: string;
  id: string;
  className: string;
  textContent: string | null;
  innerHTML: string;
  value: string;
  title: string;
  scrollTop: number;
  readonly clientWidth: number;
  readonly clientHeight: number;
  readonly parentElement: El | null;
  readonly firstChild: El | null;
  readonly style: { setProperty(name: string, value: string): void; display: string; width: string; left: string; top: string };
  readonly classList: { add(...c: string[]): void; remove(...c: string[]): void; toggle(c: string, force?: boolean): boolean; contains(c: string): boolean };
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  removeAttribute(name: string): void;
  appendChild(child: El): El;
  append(...children: (El | string)[]): void;
  replaceChildren(...children: (El | string)[]): void;
  remove(): void;
  addEventListener(type: string, fn: (e: DomEvent) => void, opts?: { passive?: boolean }): void;
  querySelector(sel: string): El | null;
  querySelectorAll(sel: string): ArrayLike<El>;
  closest(sel: string): El | null;
  getBoundingClientRect(): Rect;
  /** SVG elements: the box their content covers, in user units. */
  getBBox(): { x: number; y: number; width: number; height: number };
  focus(): void;
  select(): void;
  scrollIntoView(opts?: { block?: string }): void;
  setPointerCapture(id: number): void;
}

export interface Doc {
  readonly body: El;
  title: string;
  createElement(tag: string): El;
  createElementNS(ns: string, tag: string): El;
  getElementById(id: string): El | null;
  addEventListener(type: string, fn: (e: DomEvent) => void): void;
  readonly activeElement: El | null;
}

export interface Win {
  readonly document: Doc;
  readonly location: { hash: string };
  readonly history: { replaceState(state: null, title: string, url: string): void };
  readonly innerWidth: number;
  readonly innerHeight: number;
  readonly navigator: { clipboard?: { writeText(t: string): Promise<void> } };
  addEventListener(type: string, fn: (e: DomEvent) => void): void;
  requestAnimationFrame(fn: (t: number) => void): number;
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
  /** Read by tests and the bench: when the graph first painted, and how long it took. */
  __txDocs?: Record<string, unknown>;
}

/** The browser's window, typed as the slice above. */
export function win(): Win {
  return globalThis as unknown as Win;
}

export function doc(): Doc {
  return win().document;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

type Attrs = Record<string, string | number | boolean | undefined | ((e: DomEvent) => void)>;
type Child = El | string | null | undefined | false;

function apply(el: El, attrs: Attrs | undefined, children: Child[]): El {
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === false) continue;
      if (typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = String(v);
      else if (k === 'text') el.textContent = String(v);
      else if (k === 'html') el.innerHTML = String(v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** `h('a', {href: '#', onclick: fn}, 'text')`: attributes named on* become listeners. */
export function h(tag: string, attrs?: Attrs, ...children: Child[]): El {
  return apply(doc().createElement(tag), attrs, children);
}

export function svg(tag: string, attrs?: Attrs, ...children: Child[]): El {
  const el = doc().createElementNS(SVG_NS, tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === false) continue;
      if (typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'text') el.textContent = String(v);
      else el.setAttribute(k, String(v));
    }
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

export function byId(id: string): El {
  const el = doc().getElementById(id);
  if (el === null) throw new Error(`tx docs: #${id} is missing from the page`);
  return el;
}
