/**
 * The pool every client/server adapter shares: at most `max` connections, idle ones reused
 * (after a reset) or discarded when no longer usable, callers queued when all are busy. An
 * adapter only says how to open one connection.
 */
import type { Connection, ConnectionPool } from './types.js';
import { TxCodes, TxError } from '../errors/tx-error.js';

export interface PooledConnection extends Connection {
  /** False once the driver lost the connection: it is closed instead of reused (default true). */
  readonly usable?: boolean;
  /** Back to the profile's session state before the next node uses it (default: nothing to do). */
  reset?(): Promise<void>;
}

export abstract class SlotPool<C extends PooledConnection> implements ConnectionPool {
  private readonly idle: C[] = [];
  private readonly all = new Set<C>();
  private readonly waiters: ((c: C) => void)[] = [];
  private creating = 0;
  private closed = false;

  protected constructor(
    private readonly label: string,
    private readonly max: number,
  ) {}

  /** Opens (and prepares) one connection. */
  protected abstract open(): Promise<C>;

  async acquire(): Promise<Connection> {
    if (this.closed) throw new TxError({ code: TxCodes.Internal, message: `${this.label} pool is closed` });
    for (let free = this.idle.pop(); free; free = this.idle.pop()) {
      if (free.usable === false) {
        await free.close();
        continue;
      }
      await free.reset?.();
      return free;
    }
    if (this.all.size + this.creating < this.max) {
      this.creating++;
      try {
        const conn = await this.open();
        this.all.add(conn);
        return conn;
      } finally {
        this.creating--;
      }
    }
    return new Promise((res) => this.waiters.push(res));
  }

  /** Hands the connection to the next waiting caller, or keeps it for later. */
  release(conn: Connection): void {
    const c = conn as C;
    if (!this.all.has(c)) return;
    const waiter = this.waiters.shift();
    if (!waiter) this.idle.push(c);
    else if (c.reset) void c.reset().then(() => waiter(c));
    else waiter(c);
  }

  /** A connection that closed itself is no longer counted. */
  protected forget(c: C): void {
    this.all.delete(c);
    const i = this.idle.indexOf(c);
    if (i >= 0) this.idle.splice(i, 1);
  }

  async cancelAll(): Promise<void> {
    await Promise.all([...this.all].map((c) => c.cancel()));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.all].map((c) => c.close()));
  }
}
