/** Shared by the docs functional tests: a fresh example project, and the data inlined in a generated site. */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './harness.js';
import type { RunReport, SiteData, SiteSql } from '../../src/docs/site-types.js';
import { decodeRun } from '../../src/docs/site-wire.js';

export function copyExample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tx-docs-'));
  cpSync(join(REPO, 'example_project'), dir, { recursive: true, filter: (src) => !/[\\/]target([\\/]|$)/.test(src) });
  return dir;
}

/** The site data and SQL table inlined in index.html. */
export function siteOf(dir: string, target = 'target'): { html: string; data: SiteData; sql: SiteSql } {
  const html = readFileSync(join(dir, target, 'index.html'), 'utf8');
  const block = (id: string): string => {
    const m = new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, 's').exec(html);
    if (!m) throw new Error(`index.html has no #${id} block`);
    return m[1]!;
  };
  return { html, data: JSON.parse(block('tx-data')) as SiteData, sql: JSON.parse(block('tx-sql')) as SiteSql };
}


/** The run report as the page's store decodes it. */
export function runOf(data: SiteData): RunReport | null {
  return data.run === null ? null : decodeRun(data.run, (i) => data.nodes[i]?.id ?? '');
}
