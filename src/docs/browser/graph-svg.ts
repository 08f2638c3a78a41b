/**
 * Draws a laid-out selection as SVG: boxes filled by resource type with a band for the layer,
 * edges as smooth curves through the layout's bend points. Built as one markup string (far
 * faster than thousands of createElement calls), then wired by event delegation.
 */
import type { DocsStore } from './store.js';
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

function label(name: string): string {
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
    nodeMarkup += `<g class="gnode" data-i="${g}" data-l="${l}" transform="translate(${(p.x - w / 2).toFixed(1)},${(p.y - hh / 2).toFixed(1)})">`
      + `<rect class="box" width="${w}" height="${hh}" rx="6" fill="${nodeFill(n)}"/>`
      + `<rect width="7" height="${hh}" rx="3" fill="${layer === undefined ? 'rgba(255,255,255,.35)' : layerColor(layer)}"/>`
      + `<text x="14" y="${hh / 2 + 4}">${escapeHtml(label(n.n))}</text><title>${escapeHtml(layer === undefined ? n.id : `${n.id}\nlayer: ${layer}`)}</title></g>`;
  });
  const root = svg('svg', { xmlns: 'http://www.w3.org/2000/svg', class: 'graph' });
  root.innerHTML = `<g class="viewport"><g class="edges">${edgeMarkup}</g><g class="nodes">${nodeMarkup}</g></g>`;
  const viewport = root.querySelector('.viewport')!;

  const topLayers = [...layers.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
  const legend = h('div', { class: 'legend' },
    h('div', {}, h('b', { text: 'type ' }), ...[...types].sort().map((t) => h('span', {}, h('i', { class: 'dot', style: `background:${TYPE_COLORS[t] ?? '#475569'}` }), t))),
    topLayers.length === 0 ? null : h('div', {}, h('b', { text: 'layer ' }), ...topLayers.map(([l]) => h('span', {}, h('i', { class: 'dot', style: `background:${layerColor(l)}` }), l))));

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
  return {
    svg: root,
    viewport,
    legend,
    highlight(node) {
      const local = node === undefined ? -1 : ids.indexOf(node);
      root.classList.toggle('focus', local >= 0);
      const hot = local < 0 ? new Set<number>() : new Set([...reach(local, up), ...reach(local, down)]);
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
    },
  };
}
