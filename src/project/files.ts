/**
 * Listing a project's resource files. One readdir walk per resource directory, sorted
 * output so every later phase (and every artifact) is deterministic regardless of the
 * file system's directory order. Hidden directories (`.git`, `.venv`, …) are skipped,
 * as is anything missing: a project without `snapshots/` is normal.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ProjectFile {
  absPath: string;
  /** Relative to the project root, posix separators (dbt's `original_file_path`). */
  relPath: string;
  /** The resource directory it was found under, as configured (e.g. `models`). */
  resourceDir: string;
  /** Relative to the resource directory (dbt's `path`), e.g. `silver/user_features.sql`. */
  pathInResource: string;
}

const toPosix = (p: string): string => p.split(path.sep).join('/');

export function listFiles(rootDir: string, relDirs: string[], exts: string[]): ProjectFile[] {
  const wanted = exts.map((e) => (e.startsWith('.') ? e : `.${e}`).toLowerCase());
  const matches = (name: string): boolean => {
    const lower = name.toLowerCase();
    return wanted.some((e) => lower.endsWith(e));
  };
  const seen = new Set<string>();
  const out: ProjectFile[] = [];
  for (const relDir of relDirs) {
    const resourceRoot = path.resolve(rootDir, relDir);
    const resourceDir = toPosix(path.relative(rootDir, resourceRoot)) || '.';
    walk(resourceRoot, '', (absPath, pathInResource) => {
      if (!matches(absPath) || seen.has(absPath)) return;
      seen.add(absPath);
      out.push({ absPath, relPath: toPosix(path.relative(rootDir, absPath)), resourceDir, pathInResource });
    });
  }
  return out.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
}

/** Depth-first walk; hidden directories are never entered, symlinks are followed (as os.walk on files). */
function walk(dir: string, rel: string, visit: (absPath: string, rel: string) => void, depth = 0): void {
  if (depth > 64) return; // a symlink cycle; real projects are nowhere near this deep
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // missing resource dir: nothing to list
  }
  for (const ent of entries) {
    const abs = path.join(dir, ent.name);
    const childRel = rel === '' ? ent.name : `${rel}/${ent.name}`;
    let isDir = ent.isDirectory();
    let isFile = ent.isFile();
    if (ent.isSymbolicLink()) {
      try {
        const st = fs.statSync(abs);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        continue; // dangling link
      }
    }
    if (isDir) {
      if (!ent.name.startsWith('.')) walk(abs, childRel, visit, depth + 1);
    } else if (isFile) {
      visit(abs, childRel);
    }
  }
}
