import { TxError, type TxErrorInit } from './tx-error.js';

/**
 * Collects errors and warnings during a phase so the user sees all of them at once;
 * `gate()` throws when any error was collected.
 */
export class Diagnostics {
  private readonly items: TxError[] = [];

  /**
   * `warnError`: true (--warn-error) collects every warning as an error; a function decides
   * warning by warning (--warn-error-options).
   */
  constructor(private readonly warnError: boolean | ((w: TxError) => boolean) = false) {}

  add(e: TxError | TxErrorInit): void {
    const err = e instanceof TxError ? e : new TxError(e);
    const promote = err.severity === 'warn' && (typeof this.warnError === 'function' ? this.warnError(err) : this.warnError);
    this.items.push(promote ? new TxError({ code: err.code, message: err.message, loc: err.loc, hint: err.hint, cause: err.cause, severity: 'error' }) : err);
  }

  /** Runs fn; a TxError it throws is collected instead of propagating. Other errors propagate. */
  collect<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (e instanceof TxError) {
        this.add(e);
        return undefined;
      }
      throw e;
    }
  }

  get errors(): TxError[] {
    return this.items.filter((e) => e.severity === 'error');
  }

  get warnings(): TxError[] {
    return this.items.filter((e) => e.severity === 'warn');
  }

  get all(): readonly TxError[] {
    return this.items;
  }

  /** Removes and returns the warnings, so a command can print them once a phase passes. */
  takeWarnings(): TxError[] {
    const warnings = this.warnings;
    for (const w of warnings) this.items.splice(this.items.indexOf(w), 1);
    return warnings;
  }

  hasErrors(): boolean {
    return this.items.some((e) => e.severity === 'error');
  }

  /** Throws a PhaseFailed carrying every diagnostic when any error was collected. */
  gate(phase: string): void {
    if (this.hasErrors()) throw new PhaseFailed(phase, this.items.slice());
  }
}

/** Thrown at a phase gate: carries every diagnostic (errors and warnings) collected in the phase. */
export class PhaseFailed extends Error {
  constructor(
    readonly phase: string,
    readonly diagnostics: TxError[],
  ) {
    super(`${phase} failed with ${diagnostics.filter((d) => d.severity === 'error').length} error(s)`);
    this.name = 'PhaseFailed';
  }
}
