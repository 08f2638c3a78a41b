/**
 * Draws a laid-out selection as SVG: boxes filled by resource type with a band for the layer
 * (none for nodes outside a layer folder), exposures as tags pointing right, hidden
 * documentation greyed, edges as smooth curves through the layout's bend points. Built as one
 * markup string (far faster than thousands of createElement calls), then wired by event
 * delegation. Zoomed out, box labels are too small to read: `labels()` then draws the names of
 * the most important nodes that fit, at a constant screen size, in an overlay.
 */
import type { SiteNode } from '../site-types.js';
import type { DocsStore } from './store.js';
import { displayName } from './store.js';
import type { LayoutResult, Point } from './layout.js';
import { layerColor, layerOf, nodeFill, TYPE_COLORS } from './colors.js';
import { escapeHtml } from './format.js';
import { h, svg, type El } from './dom.js';

export interface DrawnGraph {
  svg: El;
  viewport: El;
  legend: El;
  /** Emphasises a node with everything upstream and downstream of it; undefined clears. */
  highlight(node: number | undefined): void;
  /** Level of detail for the view transform (scale k, translation x, y) in a W×H canvas. */
  labels(k: number, x: number, y: number, W: number, H: number): void;
  /** Local index of a node index, or -1. */
  localOf(node: number): number;
}

/** Below this scale, box labels are hidden and the overlay names the important nodes. */
export const FAR_SCALE = 0.45;
const LABEL_PX = 7;
const MAX_OVERLAY_LABELS = 80;

/** An exposure: a tag pointing right, where the data leaves the project. */
function tagPath(w: number, h: number): string {
  return `M6,0H${w - 12}L${w},${h / 2}L${w - 12},${h}H6Q0,${h} 0,${h - 6}V6Q0,0 6,0Z`;
}

/**
 * Which names to show first when not all fit: well-connected nodes, the selection's outputs
 * (nothing downstream of them in view) and exposures, then sources and seeds.
 */
export function importanceOrder(types: readonly string[], edges: readonly (readonly [number, number])[]): number[] {
  const n = types.length;
  const inDeg = new Array<number>(n).fill(0);
  const outDeg = new Array<number>(n).fill(0);
  for (const [a, b] of edges) {
    outDeg[a]!++;
    inDeg[b]!++;
  }
  const score = types.map((t, i) => inDeg[i]! + 1.5 * outDeg[i]! + (outDeg[i] === 0 && inDeg[i]! > 0 ? 4 : 0) + (t === 'exposure' ? 10 : 0) + (t === 'source' || t === 'seed' ? 1 : 0));
  return [...score.keys()].sort((a, b) => score[b]! - score[a]! || a - b);
}

interface Sizes {
  nodeWidth: number;
  nodeHeight: number;
}

/** A cubic curve per segment, tangents horizontal, so edges flow left to right. */
function pathOf(points: Point[]): string {
  let d = `M${points[0]!.x.toFixed(1)},${points[0]!.y.toFixed(1)}`;
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1]!;
    const b = points[k]!;
    const dx = (b.x - a.x) / 2;
    d += `C${(a.x + dx).toFixed(1)},${a.y.toFixed(1)} ${(b.x - dx).toFixed(1)},${b.y.toFixed(1)} ${b.x.toFixed(1)},${b.y.toFixed(1)}`;
  }
  return d;
}

function label(n: SiteNode): string {
  const name = displayName(n);
  return name.length > 25 ? `${name.slice(0, 24)}…` : name;
}

export function drawGraph(store: DocsStore, ids: number[], edges: [number, number][], layout: LayoutResult, sizes: Sizes): DrawnGraph {
  const w = sizes.nodeWidth;
  const hh = sizes.nodeHeight;
  let edgeMarkup = '';
  edges.forEach(([a, b], k) => {
    edgeMarkup += `<path class="gedge" data-e="${k}" data-a="${a}" data-b="${b}" d="${pathOf(layout.edges[k]!)}"/>`;
  });
  let nodeMarkup = '';
  const layers = new Map<string, number>();
  const types = new Set<string>();
  ids.forEach((g, l) => {
    const n = store.nodes[g]!;
    const p = layout.pos[l]!;
    const layer = layerOf(n);
    if (layer !== undefined) layers.set(layer, (layers.get(layer) ?? 0) + 1);
    types.add(n.t);
    const cls = `gnode t-${n.t}${n.hidden ? ' hid' : ''}`;
    const shape = n.t === 'exposure'
      ? `<path class="box" d="${tagPath(w, hh)}" fill="${nodeFill(n)}"/>`
      : `<rect class="box" width="${w}" height="${hh}" rx="6" fill="${n.hidden ? '#919599' : nodeFill(n)}"/>`;
    // Nodes outside a layer folder (seeds/, snapshots/, …) get no band rather than a look-alike.
    const band = layer === undefined || n.t === 'exposure' ? '' : `<rect width="7" height="${hh}" rx="3" fill="${layerColor(layer)}"/>`;
    const tip = [n.id, layer === undefined ? '' : `layer: ${layer}`, n.hidden ? 'hidden (docs: show: false)' : ''].filter((x) => x !== '').join('\n');
    nodeMarkup += `<g class="${cls}" data-i="${g}" data-l="${l}" transform="translate(${(p.x - w / 2).toFixed(1)},${(p.y - hh / 2).toFixed(1)})">`
      + shape + band
      + `<text x="${band === '' ? 10 : 14}" y="${hh / 2 + 4}">${escapeHtml(label(n))}</text><title>${escapeHtml(tip)}</title></g>`;
  });
  const root = svg('svg', { xmlns: 'http://www.w3.org/2000/svg', class: 'graph' });
  // A layer wrapped into sub-columns is one layer: a faint band behind its columns says so.
  const top = -hh;
  const bottom = layout.height + hh;
  const bands = layout.wrapped.map((b) => `<rect class="wrap-band" x="${(b.x0 - w / 2 - 10).toFixed(1)}" y="${top}" width="${(b.x1 - b.x0 + w + 20).toFixed(1)}" height="${(bottom - top).toFixed(1)}" rx="10"/>`).join('');
  root.innerHTML = `<g class="viewport"><g class="bands">${bands}</g><g class="edges">${edgeMarkup}</g><g class="nodes">${nodeMarkup}</g></g><g class="lod"></g>`;
  const viewport = root.querySelector('.viewport')!;
  const overlay = root.querySelector('.lod')!;
  const order = importanceOrder(ids.map((g) => store.nodes[g]!.t), edges);
  const localIndex = new Map(ids.map((g, l) => [g, l]));

  const topLayers = [...layers.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
  const legend = h('div', { class: 'legend' },
    h('div', {}, h('b', { text: 'type' }), ...[...types].sort().map((t) => h('span', {}, h('i', { class: t === 'exposure' ? 'dot tagdot' : 'dot', style: `background:${TYPE_COLORS[t] ?? '#475569'}` }), t))),
    topLayers.length === 0 ? null : h('div', {}, h('b', { text: 'layer band' }), ...topLayers.map(([l]) => h('span', {}, h('i', { class: 'dot band', style: `background:${layerColor(l)}` }), l))));

  // Local adjacency, for highlighting a node's whole lineage.
  const up: number[][] = ids.map(() => []);
  const down: number[][] = ids.map(() => []);
  for (const [a, b] of edges) {
    down[a]!.push(b);
    up[b]!.push(a);
  }
  const reach = (start: number, next: number[][]): Set<number> => {
    const seen = new Set([start]);
    const stack = [start];
    while (stack.length > 0) {
      for (const m of next[stack.pop()!]!) {
        if (seen.has(m)) continue;
        seen.add(m);
        stack.push(m);
      }
    }
    return seen;
  };
  const nodeEls = root.querySelectorAll('.gnode');
  const edgeEls = root.querySelectorAll('.gedge');
  let lastLabels = '';
  let hotNodes = new Set<number>();
  let lastView: [number, number, number, number, number] | undefined;
  return {
    svg: root,
    viewport,
    legend,
    localOf: (node) => localIndex.get(node) ?? -1,
    labels(k, x, y, W, H) {
      lastView = [k, x, y, W, H];
      let markup = '';
      if (k < FAR_SCALE) {
        // Greedy: most important first, skipping labels that would overlap one already placed.
        const placed: [number, number, number, number][] = [];
        for (const l of order) {
          if (placed.length >= MAX_OVERLAY_LABELS) break;
          const p = layout.pos[l]!;
          const name = label(store.nodes[ids[l]!]!);
          const bw = name.length * LABEL_PX + 8;
          const nodeX = x + p.x * k;
          // Kept inside the canvas when the node sits near its edge.
          const cx = Math.min(Math.max(nodeX, bw / 2 + 2), W - bw / 2 - 2);
          const top = Math.max(18, y + (p.y - hh / 2) * k - 3);
          if (nodeX < -20 || nodeX > W + 20) continue;
          const box: [number, number, number, number] = [cx - bw / 2, top - 16, cx + bw / 2, top];
          if (box[2] < 0 || box[0] > W || box[3] < 0 || box[1] > H) continue;
          if (placed.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3])) continue;
          placed.push(box);
          markup += `<text${hotNodes.has(l) ? ' class="hot"' : ''} x="${cx.toFixed(1)}" y="${(top - 4).toFixed(1)}" data-l="${l}">${escapeHtml(name)}</text>`;
        }
      }
      if (markup !== lastLabels) overlay.innerHTML = (lastLabels = markup);
    },
    highlight(node) {
      const local = node === undefined ? -1 : (localIndex.get(node) ?? -1);
      root.classList.toggle('focus', local >= 0);
      const hot = local < 0 ? new Set<number>() : new Set([...reach(local, up), ...reach(local, down)]);
      hotNodes = hot;
      for (let i = 0; i < nodeEls.length; i++) {
        const el = nodeEls[i]!;
        const l = Number(el.getAttribute('data-l'));
        el.classList.toggle('hot', hot.has(l));
        el.classList.toggle('sel', l === local);
      }
      for (let i = 0; i < edgeEls.length; i++) {
        const el = edgeEls[i]!;
        el.classList.toggle('hot', hot.has(Number(el.getAttribute('data-a'))) && hot.has(Number(el.getAttribute('data-b'))));
      }
      if (lastView) this.labels(...lastView);
    },
  };
}
