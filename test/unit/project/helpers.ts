import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SourceLoc } from '../../../src/errors/tx-error.js';

/** A fresh temp directory populated with `files` (relative path → content). */
export function tempProject(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tx-project-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return root;
}

/** A trivial stand-in for the Jinja renderer: env_var('X') and env_var('X', 'default') only. */
export function envRenderer(env: Record<string, string>) {
  const calls: { value: string; loc: SourceLoc }[] = [];
  const render = (value: string, loc: SourceLoc): string => {
    calls.push({ value, loc });
    return value.replace(/\{\{\s*env_var\('([^']+)'(?:\s*,\s*'([^']*)')?\)\s*\}\}/g, (_m, name: string, dflt?: string) => {
      const v = env[name] ?? dflt;
      if (v === undefined) throw new Error(`env var ${name} not set`);
      return v;
    });
  };
  return { render, calls };
}
