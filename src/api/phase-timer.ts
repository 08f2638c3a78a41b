/** Wall time per phase, for target/perf_info.json (dbt writes one for `dbt parse` too). */
export class PhaseTimer {
  private last: number;
  readonly phases: Record<string, number> = {};

  constructor(private readonly clock: { now(): Date }) {
    this.last = clock.now().getTime();
  }

  mark(phase: string): void {
    const now = this.clock.now().getTime();
    this.phases[`${phase}_ms`] = (this.phases[`${phase}_ms`] ?? 0) + (now - this.last);
    this.last = now;
  }

  /** A duration measured elsewhere (another thread's work): recorded without moving the mark. */
  record(phase: string, ms: number): void {
    this.phases[`${phase}_ms`] = (this.phases[`${phase}_ms`] ?? 0) + ms;
  }
}
