/**
 * Bundles the site's browser modules (compiled by tsc into dist/src/docs/browser/, plus the
 * src/select modules they import) into one classic script for inlining: pages opened from
 * file:// cannot load ES modules, and the site must not fetch anything. Each module becomes
 * a function scope whose exports are returned as an object; imports become destructuring of
 * the modules evaluated before it. Only the syntax tsc emits for our own code is handled
 * (named imports and exports); anything else is an error naming the file, never a broken page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { TxCodes, TxError } from '../errors/tx-error.js';
import { packageRoot } from '../util/package-root.js';
import { stripJs } from './strip-js.js';

interface Module {
  file: string;
  deps: string[];
  body: string;
}

/** The compiled entry module of the site; the CLI runs from dist/, where it sits. */
export function browserEntry(): string {
  return join(packageRoot(), 'dist', 'src', 'docs', 'browser', 'app.js');
}

function fail(file: string, message: string, hint: string): never {
  throw new TxError({ code: TxCodes.Internal, message: `docs site bundle: ${message}`, loc: { file, line: 0, col: 0 }, hint });
}

const IMPORT = /^import\s+(?:(\{[^}]*\})|\*\s+as\s+([\w$]+)|([\w$]+))?\s*(?:from\s+)?['"]([^'"]+)['"];?[ \t]*$/gm;
const EXPORT_DECL = /^export\s+((?:async\s+)?function\*?|class|const|let|var)\s+([\w$]+)/gm;
const EXPORT_LIST = /^export\s*\{([^}]*)\};?[ \t]*$/gm;

/** `{ a, b as c }` → `{ a, b: c }` (destructuring spelling). */
function bindings(list: string): string {
  return list.replace(/([\w$]+)\s+as\s+([\w$]+)/g, '$1: $2');
}

function load(file: string): { module: Module; imports: { spec: string; binding: string }[] } {
  if (!existsSync(file)) fail(file, `module ${file} is missing`, 'rebuild tx (npm run build) so dist/ holds the compiled site scripts');
  let code = readFileSync(file, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/gm, '');
  if (/^export\s+(default|\*)/m.test(code) || /^export\s*\{[^}]*\}\s*from/m.test(code)) {
    fail(file, 'default exports and re-exports are not supported in browser modules', 'export named declarations only');
  }
  if (/\bimport\s*\(|\bimport\.meta\b/.test(code)) fail(file, 'dynamic import and import.meta are not supported', 'import statically');
  const imports: { spec: string; binding: string }[] = [];
  code = code.replace(IMPORT, (_all, named: string | undefined, ns: string | undefined, def: string | undefined, spec: string) => {
    if (def !== undefined) fail(file, `default import from '${spec}'`, 'use a named import');
    if (!spec.startsWith('.')) fail(file, `'${spec}' is not a relative module`, 'browser modules may import only tx\'s own modules, never packages or node: builtins');
    imports.push({ spec, binding: named !== undefined ? bindings(named) : (ns ?? '') });
    return '';
  });
  const exported: string[] = [];
  code = code.replace(EXPORT_DECL, (_all, kind: string, name: string) => {
    exported.push(name);
    return `${kind} ${name}`;
  });
  code = code.replace(EXPORT_LIST, (_all, list: string) => {
    for (const item of list.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
      const m = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(item);
      if (m === null) fail(file, `cannot read export '${item}'`, 'export plain names');
      exported.push(m[2] === undefined ? m[1]! : `${m[2]}: ${m[1]}`);
    }
    return '';
  });
  if (/^export\s/m.test(code)) fail(file, 'an export form the bundler does not know', 'export functions, classes or single const/let declarations');
  const body = `${code.trim()}\nreturn { ${exported.join(', ')} };`;
  return { module: { file, deps: [], body }, imports };
}

/** The entry and everything it imports, as one script that runs the entry when loaded. */
export function bundleBrowserScript(entry: string = browserEntry()): string {
  const order: Module[] = [];
  const index = new Map<string, number>();
  const visiting = new Set<string>();
  const root = dirname(entry);
  const visit = (file: string): number => {
    const done = index.get(file);
    if (done !== undefined) return done;
    if (visiting.has(file)) fail(file, `import cycle through ${relative(root, file)}`, 'browser modules must not import each other in a cycle');
    visiting.add(file);
    const { module, imports } = load(file);
    const lines = imports.map(({ spec, binding }) => {
      const dep = visit(resolve(dirname(file), spec));
      return binding === '' ? '' : `const ${binding} = __m[${dep}];`;
    });
    module.body = `${lines.filter((l) => l !== '').join('\n')}\n${module.body}`;
    visiting.delete(file);
    order.push(module);
    index.set(file, order.length - 1);
    return order.length - 1;
  };
  visit(entry);
  const parts = order.map((m, i) => `__m[${i}] = (() => {\n${m.body}\n})();`);
  const script = stripJs(`(() => {\n"use strict";\nconst __m = [];\n${parts.join('\n')}\n})();\n`);
  // Inside an inline <script>, "</script" would end the element early.
  return script.replace(/<\/(script)/gi, '<\\/$1');
}
