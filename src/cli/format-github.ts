/**
 * `--log-format github`: the text console output, plus one GitHub Actions workflow command per
 * diagnostic (`::error file=models/x.sql,line=3,col=8,title=TX0512::column 'x' not found`), so
 * findings appear as annotations on the pull request's diff.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Reporter } from '../events/reporter.js';
import type { TxEvent } from '../events/events.js';
import type { TxError } from '../errors/tx-error.js';
import { displayPath } from '../errors/format.js';

/**
 * The directory annotation paths are relative to: GitHub resolves `file=` against the
 * repository root, which is GITHUB_WORKSPACE in Actions; elsewhere the enclosing git checkout
 * (a `.git` directory, or a worktree's `.git` file), else the current directory.
 */
export function annotationRoot(env: Readonly<Record<string, string | undefined>>, cwd: string, exists: (p: string) => boolean = existsSync): string {
  const ws = env['GITHUB_WORKSPACE'];
  if (ws !== undefined && ws !== '') return isAbsolute(ws) ? ws : resolve(cwd, ws);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (exists(resolve(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return cwd;
  }
}

/** Escaping of workflow command data (the message). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of workflow command properties (file, title). */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command; `root` is the repository root (annotationRoot), `cwd` what relative paths are relative to. */
export function githubAnnotation(e: TxError, root: string, cwd: string = root): string {
  const props: string[] = [];
  if (e.loc) {
    // Annotations need a path relative to the repository root, with forward slashes.
    props.push(`file=${escapeProperty(displayPath(resolve(cwd, e.loc.file), root).split('\\').join('/'))}`);
    if (e.loc.line > 0) props.push(`line=${e.loc.line}`);
    if (e.loc.line > 0 && e.loc.col > 0) props.push(`col=${e.loc.col}`);
  }
  props.push(`title=${escapeProperty(e.code)}`);
  const message = e.hint ? `${e.message}\nhint: ${e.hint}` : e.message;
  return `::${e.severity === 'warn' ? 'warning' : 'error'} ${props.join(',')}::${escapeData(message)}`;
}

/** Wraps the text reporter: every diagnostic is also written to `out` as an annotation. */
export function withGithubAnnotations(inner: Reporter, out: NodeJS.WritableStream, root: string, cwd: string = root): Reporter {
  return {
    emit(event: TxEvent): void {
      inner.emit(event);
      if (event.type === 'diagnostic') out.write(githubAnnotation(event.error, root, cwd) + '\n');
    },
  };
}
