import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The tx package's root (the folder holding package.json), found from this module's location. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('tx: cannot find the package root (templates/ missing)');
    dir = up;
  }
}

/** Folder of built-in SQL templates (dbt's internal macros and adapter overrides). */
export function templatesDir(): string {
  return join(packageRoot(), 'templates');
}
