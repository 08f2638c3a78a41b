/**
 * index.html: one self-contained file. Styles, the bundled script and the data are inline,
 * so the page works opened from disk (file://) as well as served, and fetches nothing: the
 * Content-Security-Policy forbids any network request, so a mistake cannot leak out either.
 */
import { escapeHtml } from './browser/format.js';

export interface HtmlShellInput {
  title: string;
  css: string;
  script: string;
  /** The site data and the SQL table, serialised by jsonForScript. */
  dataJson: string;
  sqlJson: string;
}

/** JSON that is safe inside <script>: `<` escaped so no `</script>` or `<!--` can appear. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

export function renderIndexHtml(input: HtmlShellInput): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="generator" content="tx docs">
<title>${escapeHtml(input.title)}</title>
<style>${input.css}</style>
</head>
<body>
<div id="app"><noscript>This documentation site needs JavaScript.</noscript></div>
<script type="application/json" id="tx-data">${input.dataJson}</script>
<script type="application/json" id="tx-sql">${input.sqlJson}</script>
<script>${input.script}</script>
</body>
</html>
`;
}
