/** Writes the docs site (target/index.html) and reports what each part weighs. */
import { renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildSiteData, type SiteDataInput } from './build-site-data.js';
import { bundleBrowserScript } from './bundle.js';
import { jsonForScript, renderIndexHtml } from './html-shell.js';
import { SITE_CSS } from './site-css.js';

export interface SiteSizes {
  /** index.html in total. */
  index: number;
  /** The bundled script and the stylesheet: the site's code, the same for every project. */
  script: number;
  css: number;
  /** The inlined node data and the SQL table. */
  data: number;
  sql: number;
  nodes: number;
}

export function writeSite(targetDir: string, input: SiteDataInput): SiteSizes {
  const { data, sql } = buildSiteData(input);
  const script = bundleBrowserScript();
  const dataJson = jsonForScript(data);
  const sqlJson = jsonForScript(sql);
  const html = renderIndexHtml({ title: `${input.projectName} · tx docs`, css: SITE_CSS, script, dataJson, sqlJson });
  mkdirSync(targetDir, { recursive: true });
  const file = join(targetDir, 'index.html');
  // Written beside and renamed, so a server never hands out half a page.
  const tmp = join(targetDir, `.index.html.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, html);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
  return { index: bytes(html), script: bytes(script), css: bytes(SITE_CSS), data: bytes(dataJson), sql: bytes(sqlJson), nodes: data.nodes.length };
}
