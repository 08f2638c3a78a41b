/**
 * `tx docs generate` and `tx docs serve`. Generate: parse, compile (unless --no-compile),
 * manifest.json, one catalog query per schema for catalog.json (unless --empty-catalog),
 * then the static site in target/index.html. Serve: a local server over target/ until Ctrl-C.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Invocation } from '../invocation.js';
import type { CommonOptions } from './options.js';
import type { CatalogRelation } from '../adapter/types.js';
import { openSession, parseSession, type ParsedProject, type Session } from './session.js';
import { compileNodes, resolveAllIntrospection } from './compile.js';
import { startStaticAnalysis } from './analysis.js';
import type { ColumnLineageFile } from '../analysis/column-lineage.js';
import { selectForCommand } from './select-nodes.js';
import { foundCounts } from './found.js';
import { graphMaps, writeManifest } from './artifacts.js';
import { withConnection } from '../run/node-executor.js';
import { buildCatalog, catalogSchemas, type CatalogArtifact } from '../artifacts/catalog.js';
import { writeJsonArtifact } from '../artifacts/write-json.js';
import { dbtTimestamp } from '../artifacts/timestamps.js';
import { writeSite } from '../docs/write-site.js';
import { startDocsServer } from '../docs/serve.js';
import { openBrowser } from '../docs/open-browser.js';
import { findProjectDir, loadDbtProject } from '../project/dbt-project.js';
import { TxCodes, TxError } from '../errors/tx-error.js';

export interface DocsGenerateOptions extends CommonOptions {
  /** false for --no-compile: document the manifest as parsed, without compiled SQL. */
  compile?: boolean | undefined;
  /** --empty-catalog: write catalog.json without asking the warehouse. */
  emptyCatalog?: boolean | undefined;
}

export interface DocsServeOptions extends CommonOptions {
  port?: number | undefined;
  host?: string | undefined;
  /** --browser: open the site in the default browser. */
  browser?: boolean | undefined;
}

/** Every relation of every documented schema: one catalog query per schema, on one connection. */
async function readCatalog(s: Session, p: ParsedProject): Promise<CatalogRelation[]> {
  const schemas = catalogSchemas(p.manifest);
  if (schemas.length === 0) return [];
  const pool = await s.adapter.connect(s.credentials, { projectDir: s.project.rootDir, threads: 1 });
  try {
    return await withConnection(pool, s.inv.signal, async (conn) => {
      const out: CatalogRelation[] = [];
      for (const schema of schemas) out.push(...(await conn.catalog(schema)));
      return out;
    });
  } finally {
    await pool.close();
  }
}

/** run_results.json of the last invocation, for the run report and test statuses; absent or unreadable is fine. */
function readRunResults(s: Session): unknown {
  const file = join(s.targetDir, 'run_results.json');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    s.inv.reporter.emit({ type: 'diagnostic', error: new TxError({ code: TxCodes.ProjectInvalid, severity: 'warn', message: `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`, loc: { file, line: 0, col: 0 }, hint: 'the run report is left out; run a command again to rewrite the file' }) });
    return null;
  }
}

/** target/column_lineage.json (written by the analysis above, or an earlier compile), for the site's column lineage. */
function readColumnLineage(s: Session): ColumnLineageFile | null {
  const file = join(s.targetDir, 'column_lineage.json');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ColumnLineageFile;
  } catch {
    return null;
  }
}

const kb = (n: number): string => `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KB`;

export async function docsGenerateCommand(inv: Invocation, opts: DocsGenerateOptions): Promise<number> {
  const s = await openSession(inv, opts);
  const p = parseSession(s);
  inv.reporter.emit({ type: 'found', counts: foundCounts(p.manifest) });
  if (opts.compile !== false) {
    const outcome = compileNodes(s, p, selectForCommand(s, p, ['model', 'analysis', 'snapshot', 'test']));
    await resolveAllIntrospection(s, p, outcome);
    // Writes target/column_lineage.json, which the site shows as column-level lineage. Findings
    // are warnings here: a model the analysis rejects is still documented. On large projects it
    // runs on a worker thread while this one writes manifest.json.
    const analysis = startStaticAnalysis(s, p, outcome, 'docs', { overlap: true });
    try {
      writeManifest(s, p);
      s.timer.mark('manifest');
      await analysis.finish();
    } finally {
      analysis.cancel();
    }
  } else writeManifest(s, p);
  const relations = opts.emptyCatalog === true ? [] : await readCatalog(s, p);
  s.timer.mark('catalog');
  const catalog: CatalogArtifact = buildCatalog({ manifest: p.manifest, relations, invocationId: inv.invocationId, generatedAt: inv.clock.now(), invocationStartedAt: inv.startedAt });
  const catalogFile = join(s.targetDir, 'catalog.json');
  writeJsonArtifact(catalogFile, catalog);
  const sizes = writeSite(s.targetDir, {
    manifest: p.manifest,
    projectName: s.project.name,
    adapterType: s.dialect.name,
    generatedAt: dbtTimestamp(inv.clock.now()),
    catalog: opts.emptyCatalog === true ? null : catalog,
    runResults: readRunResults(s),
    parents: graphMaps(p).parentMap,
    columnLineage: readColumnLineage(s),
  });
  s.timer.mark('write');
  const rel = (f: string): string => relative(inv.cwd, f) || f;
  inv.reporter.emit({ type: 'info', message: `Catalog written to ${rel(catalogFile)} (${Object.keys(catalog.nodes).length} nodes, ${Object.keys(catalog.sources).length} sources)` });
  inv.reporter.emit({
    type: 'info',
    message: `Docs site written to ${rel(join(s.targetDir, 'index.html'))}: ${sizes.nodes} nodes, ${kb(sizes.index)} (code ${kb(sizes.script + sizes.css)}, data ${kb(sizes.data)}, SQL ${kb(sizes.sql)})`,
  });
  return 0;
}

/** target/ without opening a session: serving needs no profile or warehouse. */
function targetDirOf(inv: Invocation, opts: CommonOptions): string {
  const dir = findProjectDir(inv.cwd, opts.projectDir);
  const project = loadDbtProject(dir, (v) => v);
  const targetPath = opts.targetPath ?? inv.env['DBT_TARGET_PATH'] ?? project.targetPath;
  return isAbsolute(targetPath) ? targetPath : resolve(dir, targetPath);
}

export async function docsServeCommand(inv: Invocation, opts: DocsServeOptions, platform: NodeJS.Platform): Promise<number> {
  const root = targetDirOf(inv, opts);
  if (!existsSync(join(root, 'index.html'))) {
    throw new TxError({ code: TxCodes.Usage, message: `no docs site in ${relative(inv.cwd, root) || root}/ (index.html is missing)`, hint: 'run `tx docs generate` first' });
  }
  const server = await startDocsServer(root, opts.host ?? '127.0.0.1', opts.port ?? 8080);
  inv.reporter.emit({ type: 'output', text: `Serving docs at ${server.url}` });
  inv.reporter.emit({ type: 'info', message: 'Press Ctrl+C to exit.' });
  if (opts.browser === true && !(await openBrowser(server.url, platform))) {
    inv.reporter.emit({ type: 'info', message: `Could not open a browser: open ${server.url} yourself.` });
  }
  try {
    await new Promise<void>((done) => {
      if (inv.signal.aborted) return done();
      inv.signal.addEventListener('abort', () => done(), { once: true });
    });
  } finally {
    await server.close();
  }
  return 0;
}
