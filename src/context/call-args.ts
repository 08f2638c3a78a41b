/**
 * nunjucks passes keyword arguments as a trailing object marked `__keywords`.
 * These helpers split a call's arguments into positional and keyword parts.
 */
export interface CallArgs {
  args: unknown[];
  kwargs: Record<string, unknown>;
}

export function isKeywords(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && (v as Record<string, unknown>)['__keywords'] === true;
}

export function splitArgs(raw: unknown[]): CallArgs {
  const last = raw[raw.length - 1];
  if (isKeywords(last)) {
    const kwargs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(last)) if (k !== '__keywords') kwargs[k] = v;
    return { args: raw.slice(0, -1), kwargs };
  }
  return { args: raw, kwargs: {} };
}

/** Builds a nunjucks keyword-argument object for calling a macro from TypeScript. */
export function keywords(kwargs: Record<string, unknown>): Record<string, unknown> {
  return { ...kwargs, __keywords: true };
}
