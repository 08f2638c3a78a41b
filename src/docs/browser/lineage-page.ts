/**
 * The lineage page: a selector box (the CLI's syntax), the selected subgraph drawn as SVG
 * with the layered layout, pan and zoom, a side panel to focus a node with upstream and
 * downstream depths, and click-through to node pages. Only the selection is drawn: a huge
 * project asks for a selector instead of laying out every node.
 */
import type { PageContext } from './context.js';
import { nodeHref, nodeSelector } from './store.js';
import { lineageHref } from './router.js';
import { selectLineage, selectorMessage, type Selection } from './select-graph.js';
import { layeredLayout, type LayoutResult } from './layout.js';
import { drawGraph, type DrawnGraph } from './graph-svg.js';
import { attachPanZoom, type PanZoom } from './pan-zoom.js';
import { h, win, type El } from './dom.js';
import { formatCount, summary } from './format.js';

/** Without a selector, projects up to this size are drawn whole. */
const DEFAULT_DRAW_LIMIT = 400;
/** Beyond this, a selection is refused rather than frozen on. */
const MAX_DRAW = 3000;

const SIZES = { nodeWidth: 190, nodeHeight: 30, layerGap: 250, rowGap: 42 };

/** A small, telling selection to offer: the best-connected node with one step either way. */
function suggestion(ctx: PageContext): string {
  let best: number | undefined;
  let degree = -1;
  for (const i of ctx.lineage().members) {
    const d = (ctx.store.nodes[i]!.dep?.length ?? 0) + (ctx.store.children[i]?.length ?? 0);
    if (d > degree) [best, degree] = [i, d];
  }
  return best === undefined ? '' : `1+${nodeSelector(ctx.store.nodes[best]!)}+1`;
}

function depthPart(v: string, before: boolean): string {
  const d = v.trim();
  if (d === '') return '+';
  if (d === '0') return '';
  return before ? `${d}+` : `+${d}`;
}

export function renderLineage(ctx: PageContext, main: El, select: string, exclude: string): void {
  const started = performance.now();
  const graph = ctx.lineage();
  const selInput = h('input', { type: 'text', id: 'lineage-select', value: select, placeholder: '--select, e.g. +silver.user_features+  tag:nightly  path:models/gold', spellcheck: 'false' });
  const excInput = h('input', { type: 'text', id: 'lineage-exclude', value: exclude, placeholder: '--exclude', spellcheck: 'false' });
  const apply = (): void => ctx.go(lineageHref(selInput.value.trim(), excInput.value.trim()));
  for (const input of [selInput, excInput]) input.addEventListener('keydown', (e) => e.key === 'Enter' && apply());
  const info = h('span', { class: 'info' });
  const error = h('div', { class: 'error' });
  const canvas = h('div', { class: 'canvas' });
  let zoom: PanZoom | undefined;
  const controls = h('div', { class: 'controls' },
    h('label', { text: 'select' }), selInput, h('label', { text: 'exclude' }), excInput,
    h('button', { class: 'primary', text: 'Apply', onclick: apply }),
    h('button', { text: 'Fit', onclick: () => zoom?.fit() }),
    h('button', { text: 'Clear', onclick: () => ctx.go(lineageHref('')) }),
    info, error);
  main.replaceChildren(h('div', { class: 'lineage' }, controls, canvas));

  let selection: Selection;
  try {
    selection = selectLineage(ctx.store, graph, select, exclude);
  } catch (e) {
    error.textContent = selectorMessage(e);
    return;
  }
  if (selection.warnings.length > 0) error.textContent = selection.warnings.join('; ');
  const notice = (text: string): void => canvas.replaceChildren(h('div', { class: 'notice' }, text));
  if (select.trim() === '' && exclude.trim() === '' && graph.members.length > DEFAULT_DRAW_LIMIT) {
    const example = suggestion(ctx);
    info.textContent = `${formatCount(graph.members.length)} nodes in the project`;
    canvas.replaceChildren(h('div', { class: 'notice' },
      `This project has ${formatCount(graph.members.length)} nodes: too many to draw at once. Type a selector`,
      example ? h('span', {}, ', e.g. ', h('a', { href: lineageHref(example), text: example })) : null,
      ', or open a node’s page and follow “View lineage”.'));
    return;
  }
  if (selection.ids.size > MAX_DRAW) {
    info.textContent = `${formatCount(selection.ids.size)} nodes selected`;
    // One node with unbounded + on either side (a page's "View lineage"): offer two steps each way.
    const single = /^\+?([^\s,+@]+)\+?$/.exec(select.trim());
    const narrower = single ? `2+${single[1]!}+2` : undefined;
    canvas.replaceChildren(h('div', { class: 'notice' },
      `The selection has ${formatCount(selection.ids.size)} nodes; at most ${formatCount(MAX_DRAW)} are drawn. Narrow it with a depth`,
      narrower ? h('span', {}, ' (', h('a', { href: lineageHref(narrower, exclude), text: narrower }), ')') : ' (2+x+1)',
      ', a tag or a path.'));
    return;
  }
  if (selection.ids.size === 0) {
    info.textContent = '0 nodes';
    notice('Nothing selected.');
    return;
  }

  const ids = [...selection.ids].sort((a, b) => a - b);
  const local = new Map(ids.map((g, l) => [g, l]));
  const edges: [number, number][] = [];
  for (const [p, c] of graph.edges) {
    const a = local.get(p);
    const b = local.get(c);
    if (a !== undefined && b !== undefined) edges.push([a, b]);
  }
  const t0 = performance.now();
  const layout: LayoutResult = layeredLayout(ids.length, edges, SIZES);
  const layoutMs = performance.now() - t0;
  const drawn: DrawnGraph = drawGraph(ctx.store, ids, edges, layout, SIZES);
  canvas.replaceChildren(drawn.svg, drawn.legend);
  zoom = attachPanZoom(canvas, drawn.svg, drawn.viewport, {
    minX: -SIZES.nodeWidth / 2 - 20, minY: -SIZES.nodeHeight / 2 - 20,
    maxX: layout.width - SIZES.nodeWidth / 2 + 20, maxY: layout.height + SIZES.nodeHeight / 2 + 20,
  });
  zoom.fit();
  info.textContent = `${formatCount(ids.length)} nodes · ${formatCount(edges.length)} edges · ${layout.layers} layers · ${layout.crossings} crossings · layout ${Math.round(layoutMs)} ms`;

  let panel: El | undefined;
  const focus = (g: number | undefined): void => {
    drawn.highlight(g);
    panel?.remove();
    panel = undefined;
    if (g === undefined) return;
    const n = ctx.store.nodes[g]!;
    const sel = nodeSelector(n);
    const up = h('input', { class: 'num', type: 'text', value: '', placeholder: 'all', title: 'upstream depth (blank: all)' });
    const down = h('input', { class: 'num', type: 'text', value: '', placeholder: 'all', title: 'downstream depth (blank: all)' });
    const go = (s: string): void => ctx.go(lineageHref(s, excInput.value.trim()));
    panel = h('div', { class: 'panel' },
      h('h3', { text: n.n }),
      h('div', { class: 'sub', text: `${n.t} · ${n.file}` }),
      h('div', { text: summary(n.d, 220) || 'No description.' }),
      h('div', { class: 'acts' },
        h('a', { href: nodeHref(n), id: 'open-node', text: 'Open page →' }),
        h('button', { text: `+${n.n}+`, title: 'everything upstream and downstream', onclick: () => go(`+${sel}+`) }),
        h('button', { text: `+${n.n}`, title: 'upstream only', onclick: () => go(`+${sel}`) })),
      h('div', { class: 'acts' }, 'Focus: ', up, h('code', { text: `+${n.n}+` }), down,
        h('button', { text: 'Go', id: 'focus-go', onclick: () => go(`${depthPart(up.value, true)}${sel}${depthPart(down.value, false)}`) })));
    canvas.append(panel);
  };
  drawn.svg.addEventListener('click', (e) => {
    if (zoom?.dragged()) return;
    const el = e.target?.closest('.gnode');
    const g = el ? Number(el.getAttribute('data-i')) : undefined;
    if (el && (e.ctrlKey || e.metaKey)) return ctx.go(nodeHref(ctx.store.nodes[g!]!));
    focus(g);
  });
  drawn.svg.addEventListener('dblclick', (e) => {
    const el = e.target?.closest('.gnode');
    if (el) ctx.go(nodeHref(ctx.store.nodes[Number(el.getAttribute('data-i'))]!));
  });
  // Tests and the bench read when the graph was first painted (two frames: after layout and paint).
  const w = win();
  w.requestAnimationFrame(() => w.requestAnimationFrame(() => {
    w.__txDocs = { ...(w.__txDocs ?? {}), graphNodes: ids.length, graphEdges: edges.length, layoutMs, renderMs: performance.now() - started, paintedAt: performance.now() };
  }));
}
