/** Small text formatters shared by the site's pages. Pure. */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** 850 ms, 3.2 s, 4m 05s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  const m = Math.floor(s / 60);
  return `${m}m ${String(Math.round(s - m * 60)).padStart(2, '0')}s`;
}

/** An artifact timestamp (ISO 8601, dbt's microseconds) as people read it: `2026-01-05 14:03:12 UTC`. */
export function formatTimestamp(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
  if (!m) return iso;
  const zone = m[3] === undefined || m[3] === 'Z' || /^[+-]00:?00$/.test(m[3]) ? 'UTC' : `UTC${m[3]}`;
  return `${m[1]} ${m[2]} ${zone}`;
}

/** First sentence-ish of a Markdown description, without Markdown marks, for lists. */
export function summary(text: string | undefined, max = 160): string {
  if (!text) return '';
  const plain = text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*`|]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

/** An exposure type as dbt docs labels it: Dashboard, Notebook, ML, … */
export function exposureTypeLabel(type: string | undefined): string {
  const t = type ?? 'uncategorized';
  return t === 'ml' ? 'ML' : `${t.charAt(0).toUpperCase()}${t.slice(1)}`;
}
