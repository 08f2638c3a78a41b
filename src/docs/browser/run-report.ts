/**
 * The last invocation (target/run_results.json at generate time) as a timeline, one lane per
 * thread with bars coloured by status, and the slowest nodes: where the time went, at a glance.
 */
import type { RunItem } from '../site-types.js';
import type { PageContext } from './context.js';
import { nodeHref } from './store.js';
import { statusColor } from './colors.js';
import { escapeHtml, formatCount, formatDuration, formatTimestamp } from './format.js';
import { h, type El } from './dom.js';

const LANE = 22;
const LABEL = 110;
const AXIS = 24;

function nameOf(ctx: PageContext, r: RunItem): string {
  const n = r.node >= 0 ? ctx.store.nodes[r.node] : undefined;
  return n ? n.n : r.id;
}

function tipText(ctx: PageContext, r: RunItem): string {
  return [
    `${nameOf(ctx, r)} — ${r.status}`,
    `started +${formatDuration(r.start ?? 0)}, took ${formatDuration(r.dur)}`,
    r.rows !== null ? `${formatCount(r.rows)} rows affected` : '',
    r.failures ? `${r.failures} failing rows` : '',
    r.msg ?? '',
  ].filter((x) => x !== '').join('\n');
}

/** Tick spacing of 1, 2 or 5 × a power of ten, about 8 ticks across. */
function tickStep(totalMs: number): number {
  const raw = totalMs / 8;
  const pow = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1))));
  return [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? pow * 10;
}

function timeline(ctx: PageContext, items: RunItem[], width: number): El {
  const timed = items.filter((r) => r.start !== null);
  const threads = [...new Set(timed.map((r) => r.thread))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const end = timed.reduce((m, r) => Math.max(m, r.start! + r.dur), 1);
  const plot = width - LABEL - 48;
  const x = (ms: number): number => LABEL + (ms / end) * plot;
  const height = AXIS + threads.length * LANE + 8;
  const step = tickStep(end);
  let svgText = '';
  for (let t = 0; t <= end; t += step) {
    svgText += `<line x1="${x(t)}" x2="${x(t)}" y1="${AXIS - 4}" y2="${height}" stroke="#e2e8f0"/><text x="${x(t) + 3}" y="14">${escapeHtml(formatDuration(t))}</text>`;
  }
  threads.forEach((th, lane) => {
    svgText += `<text x="8" y="${AXIS + lane * LANE + 15}">${escapeHtml(th)}</text>`;
  });
  const laneOf = new Map(threads.map((th, i) => [th, i]));
  // Thousands of results make bars narrower than a pixel: touching ones of the same status on a
  // lane merge into one bar (data-n counts them), so the timeline stays a few hundred rects.
  const groups: { first: number; n: number; lane: number; x0: number; x1: number; status: string }[] = [];
  const last = new Map<number, (typeof groups)[number]>();
  items.map((r, i) => [r, i] as const).filter(([r]) => r.start !== null).sort((a, b) => a[0].start! - b[0].start! || a[1] - b[1]).forEach(([r, i]) => {
    const lane = laneOf.get(r.thread)!;
    const x0 = x(r.start!);
    const x1 = Math.max(x0 + 2, x(r.start! + r.dur));
    const g = last.get(lane);
    if (g && g.status === r.status && x0 - g.x1 < 1 && (x1 - x0 < 3 || g.x1 - g.x0 < 3)) {
      g.x1 = Math.max(g.x1, x1);
      g.n++;
      return;
    }
    const next = { first: i, n: 1, lane, x0, x1, status: r.status };
    groups.push(next);
    last.set(lane, next);
  });
  for (const g of groups) {
    svgText += `<rect class="bar" data-run="${g.first}"${g.n > 1 ? ` data-n="${g.n}"` : ''} x="${g.x0.toFixed(1)}" y="${AXIS + g.lane * LANE + 3}" width="${(g.x1 - g.x0).toFixed(1)}" height="${LANE - 6}" rx="3" fill="${statusColor(g.status)}"/>`;
  }
  const box = h('div', { class: 'timeline' });
  box.innerHTML = `<svg width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${svgText}</svg>`;
  box.addEventListener('mousemove', (e) => {
    const i = e.target?.getAttribute('data-run');
    if (i === null || i === undefined) return ctx.tip.hide();
    const n = Number(e.target?.getAttribute('data-n') ?? '1');
    const first = items[Number(i)]!;
    ctx.tip.show(n > 1 ? `${n} results (${first.status}), from +${formatDuration(first.start ?? 0)}: zoom the browser or see the slowest nodes below\nfirst: ${tipText(ctx, first)}` : tipText(ctx, first), e.clientX, e.clientY);
  });
  box.addEventListener('mouseleave', () => ctx.tip.hide());
  box.addEventListener('click', (e) => {
    const i = e.target?.getAttribute('data-run');
    const r = i === null || i === undefined ? undefined : items[Number(i)];
    if (r && r.node >= 0) ctx.go(nodeHref(ctx.store.nodes[r.node]!));
  });
  return box;
}

function slowest(ctx: PageContext, items: RunItem[]): El {
  const top = [...items].sort((a, b) => b.dur - a.dur).slice(0, 25);
  const max = Math.max(1, ...top.map((r) => r.dur));
  // Names wrap; status, duration, rows and thread never do; the bar takes what is left.
  return h('div', { class: 'scroll' }, h('table', { class: 'slow' },
    h('thead', {}, h('tr', {}, ...['Node', 'Status', 'Duration', '', 'Rows', 'Thread'].map((x, i) => h('th', { class: i === 2 || i === 4 ? 'num' : '', text: x })))),
    h('tbody', {}, ...top.map((r) => h('tr', {},
      h('td', { class: 'name' }, r.node >= 0 ? h('a', { href: nodeHref(ctx.store.nodes[r.node]!), text: nameOf(ctx, r) }) : r.id),
      h('td', { class: 'nowrap' }, h('span', { class: 'badge', style: `background:${statusColor(r.status)}`, text: r.status })),
      h('td', { class: 'num', text: formatDuration(r.dur) }),
      h('td', { class: 'bar' }, h('div', { class: 'fill', style: `width:${(r.dur / max) * 100}%` })),
      h('td', { class: 'num', text: r.rows === null ? '' : formatCount(r.rows) }),
      h('td', { class: 'nowrap', text: r.thread }),
    )))));
}

export function renderRunReport(ctx: PageContext, main: El): void {
  const run = ctx.store.run;
  const page = h('div', { class: 'page runs' }, h('h1', { text: 'Run report' }));
  if (!run) {
    page.append(h('p', { class: 'empty', text: 'No target/run_results.json was found when the site was generated. Run tx build (or run, test, seed) and generate the docs again.' }));
    main.replaceChildren(page);
    return;
  }
  const byStatus = new Map<string, number>();
  for (const r of run.items) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
  const busy = run.items.reduce((s, r) => s + r.dur, 0);
  const threads = new Set(run.items.filter((r) => r.start !== null).map((r) => r.thread)).size;
  page.append(
    h('div', { class: 'sub' }, h('span', { text: `${run.command ?? 'invocation'} · ${formatTimestamp(run.generatedAt)}` }), h('code', { title: 'invocation_id', text: run.invocationId })),
    h('div', { class: 'cards' },
      h('div', { class: 'card' }, h('b', { text: formatDuration(run.elapsed * 1000) }), h('span', { text: 'wall clock' })),
      h('div', { class: 'card' }, h('b', { text: formatDuration(busy) }), h('span', { text: `node time on ${threads} thread${threads === 1 ? '' : 's'}` })),
      ...[...byStatus.entries()].map(([s, c]) => h('div', { class: 'card', style: `border-top:3px solid ${statusColor(s)}` }, h('b', { text: formatCount(c) }), h('span', { text: s })))),
    h('h2', { text: 'Timeline' }),
    h('p', { class: 'sub', text: 'One lane per thread; hover a bar for its timing and rows, click it to open the node.' }),
  );
  main.replaceChildren(page);
  // Measured once attached: the timeline fills the page's text width.
  page.append(timeline(ctx, run.items, Math.max(560, page.clientWidth - 66)), h('h2', { text: 'Slowest nodes' }), slowest(ctx, run.items));
  const skipped = run.items.filter((r) => r.start === null);
  if (skipped.length > 0) {
    page.append(h('h2', { text: `Not timed (${skipped.length})` }), h('ul', {}, ...skipped.map((r) =>
      h('li', {}, r.node >= 0 ? h('a', { href: nodeHref(ctx.store.nodes[r.node]!), text: nameOf(ctx, r) }) : r.id, ` — ${r.status}${r.msg ? `: ${r.msg}` : ''}`))));
  }
  main.scrollTop = 0;
}
