/** Node colours: the fill says the resource type, the band the layer (the first model folder). */
import type { SiteNode } from '../site-types.js';

export const TYPE_COLORS: Readonly<Record<string, string>> = {
  model: '#2563eb',
  source: '#059669',
  seed: '#b45309',
  snapshot: '#7c3aed',
  analysis: '#475569',
  test: '#0891b2',
  unit_test: '#0e7490',
  macro: '#9f1239',
  // dbt docs' exposure colour.
  exposure: '#ff694b',
};

const NAMED_LAYERS: Readonly<Record<string, string>> = {
  bronze: '#b87333',
  silver: '#a8b0bd',
  gold: '#e0b000',
  staging: '#38bdf8',
  stg: '#38bdf8',
  intermediate: '#a78bfa',
  int: '#a78bfa',
  marts: '#f472b6',
  mart: '#f472b6',
  core: '#34d399',
  raw: '#94a3b8',
};

const PALETTE = ['#f97316', '#14b8a6', '#e11d48', '#84cc16', '#0ea5e9', '#d946ef', '#facc15', '#64748b'];

/** The layer a node belongs to: the folder right under its resource path (models/<layer>/…), if any. */
export function layerOf(n: SiteNode): string | undefined {
  if (n.t === 'macro') return undefined;
  const segs = n.file.split('/');
  return segs.length >= 3 ? segs[1] : undefined;
}

export function layerColor(layer: string): string {
  const named = NAMED_LAYERS[layer.toLowerCase()];
  if (named) return named;
  let h = 0;
  for (let i = 0; i < layer.length; i++) h = (h * 31 + layer.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}

export function nodeFill(n: SiteNode): string {
  return n.color ?? TYPE_COLORS[n.t] ?? '#475569';
}

/** Run statuses as colours: green done, red failed, amber warned, grey skipped. */
export function statusColor(status: string): string {
  switch (status) {
    case 'success':
    case 'pass':
      return '#16a34a';
    case 'error':
    case 'fail':
    case 'runtime error':
      return '#dc2626';
    case 'warn':
    case 'partial success':
      return '#d97706';
    default:
      return '#94a3b8';
  }
}
