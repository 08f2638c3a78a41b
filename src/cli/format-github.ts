/**
 * `--log-format github`: the text console output, plus one GitHub Actions workflow command per
 * diagnostic (`::error file=models/x.sql,line=3,col=8,title=TX0512::column 'x' not found`), so
 * findings appear as annotations on the pull request's diff.
 */
import type { Reporter } from '../events/reporter.js';
import type { TxEvent } from '../events/events.js';
import type { TxError } from '../errors/tx-error.js';
import { displayPath } from '../errors/format.js';

/** Escaping of workflow command data (the message). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of workflow command properties (file, title). */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function githubAnnotation(e: TxError, cwd: string): string {
  const props: string[] = [];
  if (e.loc) {
    // Annotations need a path relative to the repository root, with forward slashes.
    props.push(`file=${escapeProperty(displayPath(e.loc.file, cwd).split('\\').join('/'))}`);
    if (e.loc.line > 0) props.push(`line=${e.loc.line}`);
    if (e.loc.line > 0 && e.loc.col > 0) props.push(`col=${e.loc.col}`);
  }
  props.push(`title=${escapeProperty(e.code)}`);
  const message = e.hint ? `${e.message}\nhint: ${e.hint}` : e.message;
  return `::${e.severity === 'warn' ? 'warning' : 'error'} ${props.join(',')}::${escapeData(message)}`;
}

/** Wraps the text reporter: every diagnostic is also written to `out` as an annotation. */
export function withGithubAnnotations(inner: Reporter, out: NodeJS.WritableStream, cwd: string): Reporter {
  return {
    emit(event: TxEvent): void {
      inner.emit(event);
      if (event.type === 'diagnostic') out.write(githubAnnotation(event.error, cwd) + '\n');
    },
  };
}
