/**
 * Markdown → HTML for descriptions and doc blocks: the CommonMark subset people write in dbt
 * docs (headings, paragraphs, emphasis, code, links, lists, block quotes, tables, rules).
 * Raw HTML is escaped, not rendered, and links may not run script: descriptions come from
 * YAML anyone can edit, and the page must stay safe to open. Pure.
 */
import { escapeHtml } from './format.js';

/** Links and images may point at the web, mail, an anchor or a relative path; never `javascript:`. */
function safeUrl(url: string): string | undefined {
  const u = url.trim();
  if (/^(https?:|mailto:|#|\.{0,2}\/|[\w-]+(\.[\w-]+)*(\/|$|#|\?))/i.test(u) && !/^\s*(javascript|vbscript|data):/i.test(u)) return u;
  return undefined;
}

/** Inline spans: code first (its content is literal), then links, emphasis and line breaks. */
export function renderInline(src: string): string {
  const codes: string[] = [];
  // Placeholders keep code spans out of the later replacements.
  let s = src.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_, _ticks: string, code: string) => {
    codes.push(`<code>${escapeHtml(code.trim())}</code>`);
    return `\u0000${codes.length - 1}\u0000`;
  });
  s = escapeHtml(s);
  s = s.replace(/!\[([^\]]*)\]\(([^)\s]+)(?:\s+&quot;[^&]*&quot;)?\)/g, (_all, alt: string, url: string) => {
    const href = safeUrl(url);
    // Only local images: the site must never reach the network by itself.
    if (href === undefined || /^https?:/i.test(href)) return href === undefined ? alt : `<a href="${href}">${alt || href}</a>`;
    return `<img src="${href}" alt="${alt}">`;
  });
  s = s.replace(/\[([^\]]+)\]\(([^)\s]+)(?:\s+&quot;[^&]*&quot;)?\)/g, (_all, label: string, url: string) => {
    const href = safeUrl(url.replace(/&amp;/g, '&'));
    return href === undefined ? label : `<a href="${escapeHtml(href)}"${/^https?:/i.test(href) ? ' target="_blank" rel="noopener"' : ''}>${label}</a>`;
  });
  s = s.replace(/(^|[\s(])(https?:\/\/[^\s<)]+)/g, (_, pre: string, url: string) => `${pre}<a href="${url}" target="_blank" rel="noopener">${url}</a>`);
  // CommonMark: `*` and `**` may emphasise inside a word (a**b**c); `_` and `__` may not, so
  // snake_case and dunder names (a__b, stg__orders__v2) stay as written.
  s = s.replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>');
  s = s.replace(/(^|[^\w])__(?=\S)([\s\S]*?\S)__(?!\w)/g, '$1<strong>$2</strong>');
  s = s.replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\*)/g, '$1<em>$2</em>');
  s = s.replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1<em>$2</em>');
  s = s.replace(/~~(?=\S)([\s\S]*?\S)~~/g, '<del>$1</del>');
  s = s.replace(/ {2,}\n/g, '<br>\n');
  return s.replace(/\u0000(\d+)\u0000/g, (_, i: string) => codes[Number(i)]!);
}

interface Line {
  text: string;
  indent: number;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)\s*$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const BULLET = /^(\s*)([-*+])\s+(.*)$/;
const ORDERED = /^(\s*)(\d{1,9})[.)]\s+(.*)$/;
const TABLE_SEP = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function cells(row: string): string[] {
  return row.trim().replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

function renderTable(rows: string[]): string {
  const head = cells(rows[0]!);
  const aligns = cells(rows[1]!).map((c) => (c.startsWith(':') && c.endsWith(':') ? 'center' : c.endsWith(':') ? 'right' : c.startsWith(':') ? 'left' : ''));
  const td = (tag: string, c: string, i: number): string => `<${tag}${aligns[i] ? ` style="text-align:${aligns[i]}"` : ''}>${renderInline(c)}</${tag}>`;
  const body = rows.slice(2).map((r) => `<tr>${cells(r).map((c, i) => td('td', c, i)).join('')}</tr>`).join('');
  return `<table><thead><tr>${head.map((c, i) => td('th', c, i)).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A list starting at lines[start]; nested lists are items indented further. Returns [html, next line]. */
function renderList(lines: Line[], start: number): [string, number] {
  const first = lines[start]!;
  const ordered = ORDERED.test(first.text) && !BULLET.test(first.text);
  const base = first.indent;
  const items: string[] = [];
  let i = start;
  while (i < lines.length) {
    const line = lines[i]!;
    const m = line.indent === base ? (ordered ? ORDERED.exec(line.text) : BULLET.exec(line.text)) : null;
    if (m === null) break;
    const body: string[] = [m[3]!];
    i++;
    // The item continues over indented lines (nested blocks) and lazy continuation lines.
    while (i < lines.length) {
      const next = lines[i]!;
      if (next.text.trim() === '') {
        const after = lines[i + 1];
        if (after !== undefined && after.indent > base) {
          body.push('');
          i++;
          continue;
        }
        break;
      }
      if (next.indent <= base && (BULLET.test(next.text) || ORDERED.test(next.text))) break;
      if (next.indent <= base && (HEADING.test(next.text) || FENCE.test(next.text))) break;
      body.push(next.text.slice(Math.min(next.indent, base + 2)));
      i++;
    }
    const inner = renderBlocks(body.join('\n'));
    // Tight items render without a paragraph around their text, as CommonMark does.
    items.push(`<li>${inner.startsWith('<p>') && inner.indexOf('<p>', 3) === -1 ? inner.replace(/^<p>([\s\S]*?)<\/p>/, '$1') : inner}</li>`);
  }
  const tag = ordered ? 'ol' : 'ul';
  const startAttr = ordered ? Number(ORDERED.exec(first.text)![2]) : 1;
  return [`<${tag}${startAttr !== 1 ? ` start="${startAttr}"` : ''}>${items.join('')}</${tag}>`, i];
}

function renderBlocks(src: string): string {
  const lines: Line[] = src.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n').map((text) => ({ text, indent: text.length - text.trimStart().length }));
  const out: string[] = [];
  let para: string[] = [];
  const flush = (): void => {
    if (para.length > 0) out.push(`<p>${renderInline(para.join('\n').trim())}</p>`);
    para = [];
  };
  let i = 0;
  while (i < lines.length) {
    const { text, indent } = lines[i]!;
    const fence = FENCE.exec(text);
    if (fence) {
      flush();
      const close = fence[2]!;
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.text.trim().startsWith(close)) body.push(lines[i++]!.text);
      i++;
      const lang = fence[3] ? ` class="language-${escapeHtml(fence[3])}"` : '';
      out.push(`<pre><code${lang}>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    if (text.trim() === '') {
      flush();
      i++;
      continue;
    }
    const heading = HEADING.exec(text);
    if (heading && indent < 4) {
      flush();
      const level = heading[1]!.length;
      out.push(`<h${level}>${renderInline(heading[2]!)}</h${level}>`);
      i++;
      continue;
    }
    if (RULE.test(text) && para.length === 0) {
      out.push('<hr>');
      i++;
      continue;
    }
    if (para.length === 0 && indent >= 4) {
      const body: string[] = [];
      while (i < lines.length && (lines[i]!.indent >= 4 || lines[i]!.text.trim() === '')) body.push(lines[i++]!.text.slice(4));
      while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
      out.push(`<pre><code>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    if (/^\s*>/.test(text)) {
      flush();
      const body: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i]!.text)) body.push(lines[i++]!.text.replace(/^\s*>\s?/, ''));
      out.push(`<blockquote>${renderBlocks(body.join('\n'))}</blockquote>`);
      continue;
    }
    if (BULLET.test(text) || (ORDERED.test(text) && (para.length === 0 || ORDERED.exec(text)![2] === '1'))) {
      flush();
      const [html, next] = renderList(lines, i);
      out.push(html);
      i = next;
      continue;
    }
    if (text.includes('|') && i + 1 < lines.length && TABLE_SEP.test(lines[i + 1]!.text) && para.length === 0) {
      const rows: string[] = [];
      while (i < lines.length && lines[i]!.text.includes('|')) rows.push(lines[i++]!.text);
      out.push(renderTable(rows));
      continue;
    }
    // Setext headings: a paragraph line underlined with === or ---.
    if (para.length > 0 && /^\s{0,3}(=+|-+)\s*$/.test(text)) {
      const level = text.trim().startsWith('=') ? 1 : 2;
      out.push(`<h${level}>${renderInline(para.join(' ').trim())}</h${level}>`);
      para = [];
      i++;
      continue;
    }
    para.push(text);
    i++;
  }
  flush();
  return out.join('\n');
}

/** Markdown text → safe HTML. */
export function renderMarkdown(src: string): string {
  return renderBlocks(src);
}
