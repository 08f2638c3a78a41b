import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ManifestNode } from '../parse/manifest-types.js';
import type { Session } from './session.js';
import { compiledPath } from './compile.js';

/** target/run/…: the SQL a node really executed, as dbt writes it, for debugging. */
export function writeRunFile(s: Session, node: ManifestNode, text: string): void {
  const file = compiledPath(s, node, 'run');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
