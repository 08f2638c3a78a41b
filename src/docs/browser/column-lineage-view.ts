/**
 * Draws a node's column lineage (column-lineage-model.ts) as SVG: upstream relations on the left
 * with the columns the node reads, the node in the middle with every column, readers on the
 * right. Edges are styled by kind (direct, transformation, aggregation); filter and join-key
 * columns connect to the node's "rows" line. Hovering a column highlights its edges; clicking a
 * relation's header calls `open`. Used on node pages and in the lineage view's panel.
 */
import type { LineageKind } from '../site-types.js';
import type { DocsStore } from './store.js';
import { displayName } from './store.js';
import type { ColumnLineageModel } from './column-lineage-model.js';
import { nodeFill } from './colors.js';
import { escapeHtml } from './format.js';
import { h, type El } from './dom.js';

const BOX = 220;
const GAP = 120;
const ROW = 22;
const HEAD = 30;
const SPACE = 14;
/** More neighbours than this on a side are summarised, so a hub stays legible. */
const MAX_NEIGHBOURS = 14;

export const KIND_LABEL: Readonly<Record<LineageKind | 'filter' | 'join', string>> = {
  direct: 'direct', transformation: 'transformation', aggregation: 'aggregation', filter: 'filter', join: 'join key',
};

interface Box {
  node: number;
  x: number;
  y: number;
  rows: { key: string; label: string; badges: string }[];
  more?: number;
}

const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const lower = (s: string): string => s.toLowerCase();

function stackHeight(boxes: { rows: unknown[] }[]): number {
  return boxes.reduce((s, b) => s + HEAD + b.rows.length * ROW + SPACE, 0) - (boxes.length > 0 ? SPACE : 0);
}

function curve(x1: number, y1: number, x2: number, y2: number): string {
  const dx = (x2 - x1) / 2;
  return `M${x1},${y1}C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`;
}

export interface ColumnLineageView {
  el: El;
  edges: number;
}

export function drawColumnLineage(store: DocsStore, m: ColumnLineageModel, open: (node: number) => void): ColumnLineageView {
  const focusKey = (col: string): string => `f:${lower(col)}`;
  const upKey = (node: number, col: string): string => `u:${node}:${lower(col)}`;
  const downKey = (node: number, col: string): string => `d:${node}:${lower(col)}`;
  const ups = m.upstream.slice(0, MAX_NEIGHBOURS);
  const downs = m.downstream.slice(0, MAX_NEIGHBOURS);
  const slots = (ups.length > 0 ? 1 : 0) + 1 + (downs.length > 0 ? 1 : 0);
  const xFocus = ups.length > 0 ? BOX + GAP : 0;
  const xDown = xFocus + BOX + GAP;

  const focusRows = [
    ...(m.rows.length > 0 ? [{ key: 'rows', label: 'rows: filters & join keys', badges: '' }] : []),
    ...m.columns.map((c) => ({ key: focusKey(c.name), label: c.name, badges: '' })),
  ];
  const upBoxes: Box[] = ups.map((u) => ({
    node: u.node, x: 0, y: 0,
    rows: u.columns.map((c) => ({ key: upKey(u.node, c.name), label: c.name, badges: c.row.map((r) => (r === 'filter' ? 'F' : 'J')).join('') })),
  }));
  const downBoxes: Box[] = downs.map((d) => ({ node: d.node, x: xDown, y: 0, rows: d.columns.map((c) => ({ key: downKey(d.node, c.name), label: c.name, badges: '' })) }));
  const focusBox: Box = { node: m.node, x: xFocus, y: 0, rows: focusRows };
  const height = Math.max(stackHeight(upBoxes), stackHeight(downBoxes), stackHeight([focusBox])) + 36;
  const place = (boxes: Box[], more: number): void => {
    let y = (height - stackHeight(boxes) - (more > 0 ? 24 : 0)) / 2;
    for (const b of boxes) {
      b.y = y;
      y += HEAD + b.rows.length * ROW + SPACE;
    }
  };
  place(upBoxes, m.upstream.length - ups.length);
  place(downBoxes, m.downstream.length - downs.length);
  place([focusBox], 0);

  // Row anchor points: left and right edge centres.
  const anchor = new Map<string, { l: number; r: number; y: number }>();
  const boxMarkup = (b: Box, focus: boolean): string => {
    const n = store.nodes[b.node]!;
    const name = displayName(n);
    let s = `<g class="cl-box${focus ? ' focus' : ''}" data-node="${b.node}" transform="translate(${b.x},${b.y.toFixed(1)})">`;
    s += `<rect class="frame" width="${BOX}" height="${HEAD + b.rows.length * ROW}" rx="6"/>`;
    s += `<g class="head"${focus ? '' : ` data-open="${b.node}"`}><rect width="${BOX}" height="${HEAD}" rx="6" fill="${nodeFill(n)}"/><rect y="${HEAD - 6}" width="${BOX}" height="6" fill="${nodeFill(n)}"/>`;
    s += `<text x="10" y="${HEAD / 2 + 4}">${escapeHtml(clip(name, 28))}</text><title>${escapeHtml(n.id)}${focus ? '' : '\nclick: show its column lineage'}</title></g>`;
    b.rows.forEach((r, i) => {
      const y = HEAD + i * ROW;
      anchor.set(r.key, { l: b.x, r: b.x + BOX, y: b.y + y + ROW / 2 });
      s += `<g class="cl-row${r.key === 'rows' ? ' rowsline' : ''}" data-key="${escapeHtml(r.key)}"><rect y="${y}" width="${BOX}" height="${ROW}"/>`;
      s += `<text x="10" y="${y + ROW / 2 + 4}">${escapeHtml(clip(r.label, r.badges ? 24 : 30))}</text>`;
      if (r.badges) s += [...r.badges].map((bd, k) => `<text class="badge ${bd === 'F' ? 'filter' : 'join'}" x="${BOX - 12 - k * 14}" y="${y + ROW / 2 + 4}">${bd}</text>`).join('');
      s += '</g>';
    });
    return `${s}</g>`;
  };
  let boxes = upBoxes.map((b) => boxMarkup(b, false)).join('') + boxMarkup(focusBox, true) + downBoxes.map((b) => boxMarkup(b, false)).join('');
  const more = (count: number, x: number, boxesOf: Box[]): void => {
    if (count <= 0) return;
    const last = boxesOf[boxesOf.length - 1];
    const y = last ? last.y + HEAD + last.rows.length * ROW + 16 : height / 2;
    boxes += `<text class="cl-more" x="${x + 10}" y="${y.toFixed(1)}">+ ${count} more</text>`;
  };
  more(m.upstream.length - ups.length, 0, upBoxes);
  more(m.downstream.length - downs.length, xDown, downBoxes);

  let edges = '';
  let count = 0;
  const edge = (a: string, b: string, cls: string, title: string): void => {
    const p = anchor.get(a);
    const q = anchor.get(b);
    if (!p || !q) return;
    count++;
    edges += `<path class="cl-edge ${cls}" data-kind="${cls}" data-a="${escapeHtml(a)}" data-b="${escapeHtml(b)}" d="${curve(p.r, p.y, q.l, q.y)}"><title>${escapeHtml(title)}</title></path>`;
  };
  const label = (node: number, col: string): string => `${store.nodes[node]!.n}.${col}`;
  const focusName = store.nodes[m.node]!.n;
  for (const c of m.columns) for (const e of c.up) edge(upKey(e.node, e.column), focusKey(c.name), e.kind, `${label(e.node, e.column)} → ${focusName}.${c.name}: ${KIND_LABEL[e.kind]}`);
  for (const r of m.rows) edge(upKey(r.node, r.column), 'rows', r.kind, `${label(r.node, r.column)}: ${KIND_LABEL[r.kind]} of ${focusName}'s rows`);
  for (const d of downs) for (const c of d.columns) for (const f of c.from) edge(focusKey(f.column), downKey(d.node, c.name), f.kind, `${focusName}.${f.column} → ${label(d.node, c.name)}: ${KIND_LABEL[f.kind]}`);

  const width = slots * BOX + (slots - 1) * GAP;
  const svgBox = h('div', { class: 'cl-graph' });
  svgBox.innerHTML = `<svg xmlns="http://www.w3.org/2000/svg" width="${width + 2}" height="${height.toFixed(0)}" viewBox="-1 0 ${width + 2} ${height.toFixed(0)}"><g class="cl-edges">${edges}</g><g class="cl-boxes">${boxes}</g></svg>`;
  const svgEl = svgBox.querySelector('svg')!;
  const kind = store.nodes[m.node]!.t;
  const status = !m.analysed
    ? kind === 'source' || kind === 'seed' ? 'Data enters the project here: shown are the columns that read it.' : 'Static analysis did not analyse this node: shown are the columns that read it.'
    : m.complete ? 'Complete: every column’s sources are known.' : 'Partial: some columns’ sources are unknown (SQL the analysis cannot read, or upstream columns declared nowhere).';
  const legend = h('div', { class: 'cl-legend' },
    ...(['direct', 'transformation', 'aggregation', 'filter', 'join'] as const).map((k) =>
      h('span', {}, svgLine(k), KIND_LABEL[k])),
    h('span', { class: 'cl-status', text: status }));

  // Hover a column: its edges and the columns at their other ends light up.
  const rowsOf = (key: string): string[] => {
    const out = [key];
    const list = svgEl.querySelectorAll('.cl-edge');
    for (let i = 0; i < list.length; i++) {
      const e = list[i]!;
      const a = e.getAttribute('data-a')!;
      const b = e.getAttribute('data-b')!;
      const hit = a === key || b === key;
      e.classList.toggle('hl', hit);
      if (hit) out.push(a === key ? b : a);
    }
    return out;
  };
  svgEl.addEventListener('mouseover', (e) => {
    const row = e.target?.closest('.cl-row');
    svgEl.classList.toggle('hover', row !== null);
    const keys = new Set(row ? rowsOf(row.getAttribute('data-key') ?? '') : rowsOf('\u0000'));
    const rows = svgEl.querySelectorAll('.cl-row');
    for (let i = 0; i < rows.length; i++) rows[i]!.classList.toggle('hl', keys.has(rows[i]!.getAttribute('data-key') ?? ''));
  });
  svgEl.addEventListener('click', (e) => {
    const head = e.target?.closest('[data-open]');
    if (head) open(Number(head.getAttribute('data-open')));
  });
  return { el: h('div', { class: 'cl' }, legend, svgBox), edges: count };
}

function svgLine(kind: LineageKind | 'filter' | 'join'): El {
  const el = h('span', { class: 'cl-key' });
  el.innerHTML = `<svg width="34" height="10" xmlns="http://www.w3.org/2000/svg"><path class="cl-line ${kind}" d="M1,5H33"/></svg>`;
  return el;
}
