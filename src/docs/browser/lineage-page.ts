/**
 * The lineage page: a selector box (the CLI's syntax), the selected subgraph drawn as SVG
 * with the layered layout, pan and zoom, a side panel to focus a node with upstream and
 * downstream depths, its column lineage in a drawer, and click-through to node pages. Only the
 * selection is drawn: a huge project starts on a suggested selection instead of laying out
 * every node.
 */
import type { PageContext } from './context.js';
import { displayName, nodeHref, nodeSelector } from './store.js';
import { lineageHref } from './router.js';
import { selectLineage, selectorMessage, type Selection } from './select-graph.js';
import { layeredLayout, type LayoutOptions, type LayoutResult } from './layout.js';
import { drawGraph, type DrawnGraph } from './graph-svg.js';
import { attachPanZoom, type PanZoom } from './pan-zoom.js';
import { suggestSelection } from './suggest.js';
import { columnLineagePanel } from './column-lineage-panel.js';
import { hasColumnLineage } from './column-lineage-model.js';
import { layerOf } from './colors.js';
import { h, win, type El } from './dom.js';
import { formatCount, summary } from './format.js';

/** Without a selector, projects up to this size are drawn whole. */
const DEFAULT_DRAW_LIMIT = 400;
/** Beyond this, a selection is refused rather than frozen on. */
const MAX_DRAW = 3000;
/** Graphs up to this size are laid out to be read at ≥ MIN_READABLE scale, and fit never shrinks them below it. */
const SMALL_GRAPH = 80;
const MIN_READABLE = 0.8;
/** Small graphs use slightly narrower boxes (names up to ~24 characters still fit) so more layers fit the width. */
const SMALL_NODE_WIDTH = 176;

const NODE = { nodeWidth: 190, nodeHeight: 30 };
const BASE: LayoutOptions = { ...NODE, layerGap: 250, rowGap: 42 };

function depthPart(v: string, before: boolean): string {
  const d = v.trim();
  if (d === '') return '+';
  if (d === '0') return '';
  return before ? `${d}+` : `+${d}`;
}

/**
 * Spacing for the canvas: small graphs get layers as close as edges allow, so they fit the width
 * at a readable scale, and rows as far apart as the height allows; big ones get a maxRows that
 * matches the canvas' shape (layout.ts), so fit loses the least scale.
 */
function layoutFor(n: number, edges: [number, number][], pinned: boolean[], W: number, H: number): { sizes: LayoutOptions; layout: LayoutResult } {
  const aspect = W / Math.max(1, H);
  const first = layeredLayout(n, edges, { ...BASE, aspect, pinned });
  if (n > SMALL_GRAPH || first.layers < 2) return { sizes: { ...BASE, aspect }, layout: first };
  const perLayer = new Map<number, number>();
  for (const l of first.layer) perLayer.set(l, (perLayer.get(l) ?? 0) + 1);
  const tallest = Math.max(...perLayer.values());
  const nodeWidth = SMALL_NODE_WIDTH;
  const layerGap = Math.max(nodeWidth + 40, Math.min(BASE.layerGap, (W / 0.95 - nodeWidth - 40) / (first.layers - 1)));
  const scale = Math.min(1.1, Math.max(MIN_READABLE, W / ((first.layers - 1) * layerGap + nodeWidth + 40)));
  const rowGap = Math.max(BASE.rowGap, Math.min(110, (H / scale - 80) / Math.max(1, tallest)));
  const sizes: LayoutOptions = { ...BASE, nodeWidth, layerGap, rowGap, aspect, pinned };
  return { sizes, layout: layeredLayout(n, edges, sizes) };
}

export function renderLineage(ctx: PageContext, main: El, select: string, exclude: string, focusId = ''): void {
  const started = performance.now();
  const graph = ctx.lineage();
  const w = win();
  let suggested = false;
  if (select.trim() === '' && exclude.trim() === '' && graph.members.length > DEFAULT_DRAW_LIMIT) {
    // Too big to draw whole: draw what the project delivers instead, and say so.
    const s = suggestSelection(ctx.store.nodes, graph.members, ctx.store.children, DEFAULT_DRAW_LIMIT);
    if (s) {
      select = s.select;
      suggested = true;
      w.history.replaceState(null, '', lineageHref(select, '', focusId));
    }
  }
  const selInput = h('input', { type: 'text', id: 'lineage-select', value: select, placeholder: '--select, e.g. +silver.user_features+  tag:nightly  path:models/gold', spellcheck: 'false' });
  const excInput = h('input', { type: 'text', id: 'lineage-exclude', value: exclude, placeholder: '--exclude', spellcheck: 'false' });
  const apply = (): void => ctx.go(lineageHref(selInput.value.trim(), excInput.value.trim()));
  for (const input of [selInput, excInput]) input.addEventListener('keydown', (e) => e.key === 'Enter' && apply());
  const info = h('span', { class: 'info' });
  const error = h('div', { class: 'error' });
  const note = h('div', { class: 'note' });
  const canvas = h('div', { class: 'canvas' });
  const legendBar = h('div', { class: 'legend-bar' });
  let zoom: PanZoom | undefined;
  const controls = h('div', { class: 'controls' },
    h('label', { text: 'select' }), selInput, h('label', { text: 'exclude' }), excInput,
    h('button', { class: 'primary', text: 'Apply', onclick: apply }),
    h('button', { text: 'Fit', onclick: () => zoom?.fit() }),
    h('button', { text: 'Clear', onclick: () => ctx.go(lineageHref('')) }),
    info, error, note);
  main.replaceChildren(h('div', { class: 'lineage' }, controls, canvas, legendBar));
  if (suggested) {
    note.append(`${formatCount(graph.members.length)} nodes are too many to draw at once: showing the upstream of what the project delivers, `,
      h('code', { text: select }), '. Type a selector, or open a node’s page and follow “View lineage”.');
  }

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
    info.textContent = `${formatCount(graph.members.length)} nodes in the project`;
    notice(`This project has ${formatCount(graph.members.length)} nodes: too many to draw at once. Type a selector, or open a node’s page and follow “View lineage”.`);
    return;
  }
  if (selection.ids.size > MAX_DRAW) {
    info.textContent = `${formatCount(selection.ids.size)} nodes selected`;
    // One node with unbounded + on either side (a page's "View lineage"): offer two steps each way.
    const single = /^\+?([^\s,+@]+)\+?$/.exec(select.trim());
    const narrower = single ? `2+${single[1]!}+2` : undefined;
    canvas.replaceChildren(h('div', { class: 'notice' },
      `The selection has ${formatCount(selection.ids.size)} nodes; at most ${formatCount(MAX_DRAW)} are drawn. Narrow it with a depth`,
      narrower ? h('span', {}, ' (', h('a', { href: lineageHref(narrower, exclude, focusId), text: narrower }), ')') : ' (2+x+1)',
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
  // Sources and seeds stay in the first column, where data enters the project.
  const pinned = ids.map((g) => ctx.store.nodes[g]!.t === 'source' || ctx.store.nodes[g]!.t === 'seed');
  const W = canvas.clientWidth || 1000;
  const H = canvas.clientHeight || 600;
  const t0 = performance.now();
  const { sizes, layout } = layoutFor(ids.length, edges, pinned, W, H);
  const layoutMs = performance.now() - t0;
  const drawn: DrawnGraph = drawGraph(ctx.store, ids, edges, layout, { nodeWidth: sizes.nodeWidth, nodeHeight: NODE.nodeHeight });
  // Everything that can change the canvas' size comes before it is measured for the fit.
  info.textContent = `${formatCount(ids.length)} nodes · ${formatCount(edges.length)} edges · ${layout.layers} layers · ${formatCount(layout.crossings)} crossings · layout ${Math.round(layoutMs)} ms`;
  canvas.replaceChildren(drawn.svg);
  legendBar.replaceChildren(drawn.legend);
  const small = ids.length <= SMALL_GRAPH;
  // What is drawn (nodes, edges' curves), measured, plus a margin.
  const box = drawn.viewport.getBBox();
  zoom = attachPanZoom(canvas, drawn.svg, drawn.viewport, {
    minX: box.x - 20, minY: box.y - 24, maxX: box.x + box.width + 20, maxY: box.y + box.height + 20,
  }, { minScale: small ? MIN_READABLE : 0, maxScale: small ? 1.1 : 1 }, (k, x, y) => drawn.labels(k, x, y, canvas.clientWidth, canvas.clientHeight));
  zoom.fit();

  // Hovering names a node at any zoom (zoomed out, most boxes carry no label).
  drawn.svg.addEventListener('mousemove', (e) => {
    const el = e.target?.closest('.gnode');
    if (!el) return ctx.tip.hide();
    const n = ctx.store.nodes[Number(el.getAttribute('data-i'))]!;
    const layer = layerOf(n);
    ctx.tip.show(`${displayName(n)}\n${n.t}${layer ? ` · ${layer}` : ''}${n.hidden ? ' · hidden' : ''}`, e.clientX, e.clientY);
  });
  drawn.svg.addEventListener('mouseleave', () => ctx.tip.hide());

  let panel: El | undefined;
  let drawer: El | undefined;
  let drawerClosed = false;
  const closeDrawer = (): void => {
    drawer?.remove();
    drawer = undefined;
  };
  const openDrawer = (g: number): void => {
    closeDrawer();
    const n = ctx.store.nodes[g]!;
    const body = columnLineagePanel(ctx, g, { onShow: (next) => drawn.highlight(drawn.localOf(next) >= 0 ? next : g) });
    if (!body) return;
    drawer = h('div', { class: 'drawer', id: 'column-drawer' },
      h('div', { class: 'drawer-head' }, h('b', { text: 'Column lineage' }), h('span', { class: 'sub', text: ` of ${n.n}: hover a column to trace it, click a relation to follow it` }),
        h('button', { class: 'close', title: 'close', text: '×', onclick: () => {
          drawerClosed = true;
          closeDrawer();
        } })),
      body);
    canvas.append(drawer);
  };
  const focus = (g: number | undefined): void => {
    drawn.highlight(g);
    panel?.remove();
    panel = undefined;
    closeDrawer();
    // The address remembers the focused node, so it can be shared and survives reloads.
    w.history.replaceState(null, '', lineageHref(select, exclude, g === undefined ? '' : ctx.store.nodes[g]!.id));
    if (g === undefined) return;
    const n = ctx.store.nodes[g]!;
    const sel = nodeSelector(n);
    const up = h('input', { class: 'num', type: 'text', value: '', placeholder: 'all', title: 'upstream depth (blank: all)' });
    const down = h('input', { class: 'num', type: 'text', value: '', placeholder: 'all', title: 'downstream depth (blank: all)' });
    const go = (s: string): void => ctx.go(lineageHref(s, excInput.value.trim(), n.id));
    const columns = hasColumnLineage(ctx.store.nodes, g, ctx.store.columnReaders());
    panel = h('div', { class: 'panel' },
      h('h3', { text: n.n }),
      h('div', { class: 'sub', text: `${n.t} · ${n.file}` }),
      h('div', { text: summary(n.d, 220) || 'No description.' }),
      h('div', { class: 'acts' },
        h('a', { href: nodeHref(n), id: 'open-node', text: 'Open page →' }),
        h('button', { text: `+${n.n}+`, title: 'everything upstream and downstream', onclick: () => go(`+${sel}+`) }),
        h('button', { text: `+${n.n}`, title: 'upstream only', onclick: () => go(`+${sel}`) }),
        columns ? h('button', { id: 'focus-columns', text: 'Column lineage', title: 'where each column comes from', onclick: () => {
          drawerClosed = false;
          openDrawer(g);
        } }) : null),
      h('div', { class: 'focus-row' }, h('span', { text: 'Focus' }), up, h('code', { title: sel, text: `+${n.n}+` }), down,
        h('button', { text: 'Go', id: 'focus-go', onclick: () => go(`${depthPart(up.value, true)}${sel}${depthPart(down.value, false)}`) })));
    canvas.append(panel);
    if (columns && !drawerClosed) {
      openDrawer(g);
      // Keep the focused node in sight: above the drawer, left of the panel.
      const p = layout.pos[local.get(g)!]!;
      const free = { w: canvas.clientWidth - 330, h: canvas.clientHeight - (drawer?.clientHeight ?? 0) };
      const at = zoom!.toScreen(p.x, p.y);
      // Right of centre: lineage flows left to right, and what feeds the node matters most.
      if (at.x < 40 || at.x > free.w - 40 || at.y < 30 || at.y > free.h - 30) zoom!.panTo(p.x, p.y, free.w * 0.62, free.h / 2);
    }
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
  const focused = focusId === '' ? undefined : ctx.store.byId.get(focusId);
  if (focused !== undefined && local.has(focused)) focus(focused);
  // Tests and the bench read when the graph was first painted (two frames: after layout and paint).
  w.requestAnimationFrame(() => w.requestAnimationFrame(() => {
    w.__txDocs = { ...(w.__txDocs ?? {}), graphNodes: ids.length, graphEdges: edges.length, layoutMs, renderMs: performance.now() - started, paintedAt: performance.now(), scale: zoom?.scale ?? 0 };
  }));
}
