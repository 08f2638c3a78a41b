import type { TxEvent } from './events.js';

/** Receives every event of an invocation; the CLI formats them, tests collect them. */
export interface Reporter {
  emit(event: TxEvent): void;
}

/** A reporter that keeps events in memory (for tests and the programmatic API). */
export class MemoryReporter implements Reporter {
  readonly events: TxEvent[] = [];
  emit(event: TxEvent): void {
    this.events.push(event);
  }
}
