/**
 * The smallest client of DuckDB's C API that static analysis needs: open `:memory:`, run one query,
 * read its first VARCHAR column. It talks to @duckdb/node-bindings directly because loading
 * @duckdb/node-api's JavaScript costs about 300 ms, which `tx compile` would pay on every run
 * (the binding alone loads in about 50 ms). Imported lazily, like the DuckDB adapter, and resolved
 * from @duckdb/node-api's own location (it is that package's dependency, not tx's).
 */
import { createRequire } from 'node:module';

type Handle = object;

interface Bindings {
  open(path?: string): Promise<Handle>;
  connect(db: Handle): Promise<Handle>;
  query(conn: Handle, sql: string): Promise<Handle>;
  fetch_chunk(result: Handle): Promise<Handle | null>;
  data_chunk_get_size(chunk: Handle): number;
  data_chunk_get_vector(chunk: Handle, column: number): Handle;
  vector_get_data(vector: Handle, byteCount: number): Uint8Array;
  get_data_from_pointer(buffer: ArrayBuffer, pointerOffset: number, byteCount: number): Uint8Array;
  appender_create(conn: Handle, schema: string | null, table: string): Handle;
  append_int32(appender: Handle, v: number): void;
  append_varchar(appender: Handle, v: string): void;
  append_bool(appender: Handle, v: boolean): void;
  appender_end_row(appender: Handle): void;
  appender_close_sync(appender: Handle): void;
  disconnect_sync(conn: Handle): void;
  close_sync(db: Handle): void;
}

export interface LazyRows {
  readonly length: number;
  at(index: number): string;
}

/** duckdb_string_t: 16 bytes, a uint32 length, then the bytes inline (≤ 12) or a pointer at +8. */
const STRING_T = 16;
const INLINE = 12;

export class RawDuckDb {
  private readonly decoder = new TextDecoder();

  private constructor(
    private readonly b: Bindings,
    private readonly db: Handle,
    private readonly conn: Handle,
  ) {}

  static async open(): Promise<RawDuckDb> {
    const b = createRequire(import.meta.resolve('@duckdb/node-api'))('@duckdb/node-bindings') as Bindings;
    const db = await b.open(':memory:');
    return new RawDuckDb(b, db, await b.connect(db));
  }

  /** The first column of every row, as text (the query must return a non-null VARCHAR first). */
  async strings(sql: string): Promise<string[]> {
    const rows = await this.rows(sql);
    return Array.from({ length: rows.length }, (_, i) => rows.at(i));
  }

  /**
   * The first column of every row, decoded only when asked for: the text stays in DuckDB's
   * memory until then, so a batch of large JSON strings never sits on the JavaScript heap at once.
   */
  async rows(sql: string): Promise<LazyRows> {
    const result = await this.b.query(this.conn, sql);
    // Each entry keeps its chunk reachable: the chunk owns the memory `data` points into.
    const chunks: { chunk: Handle; data: Uint8Array; view: DataView; rows: number }[] = [];
    for (;;) {
      const chunk = await this.b.fetch_chunk(result);
      if (!chunk) break;
      const rows = this.b.data_chunk_get_size(chunk);
      if (rows === 0) break;
      const data = this.b.vector_get_data(this.b.data_chunk_get_vector(chunk, 0), rows * STRING_T);
      chunks.push({ chunk, data, view: new DataView(data.buffer, data.byteOffset, data.byteLength), rows });
    }
    const length = chunks.reduce((n, c) => n + c.rows, 0);
    return {
      length,
      at: (index: number): string => {
        let i = index;
        for (const c of chunks) {
          if (i >= c.rows) {
            i -= c.rows;
            continue;
          }
          const at = i * STRING_T;
          const len = c.view.getUint32(at, true);
          const bytes = len <= INLINE ? new Uint8Array(c.data.buffer, c.data.byteOffset + at + 4, len) : this.b.get_data_from_pointer(c.data.buffer as ArrayBuffer, c.data.byteOffset + at + 8, len);
          return this.decoder.decode(bytes);
        }
        throw new RangeError(`row ${index} of ${length}`);
      },
    };
  }

  async exec(sql: string): Promise<void> {
    await this.b.query(this.conn, sql);
  }

  /** Appends rows (i, text, flag) to a table of (integer, varchar, boolean): no SQL text to parse. */
  append(table: string, texts: readonly string[], flags: readonly boolean[]): void {
    const app = this.b.appender_create(this.conn, null, table);
    try {
      texts.forEach((t, i) => {
        this.b.append_int32(app, i);
        this.b.append_varchar(app, t);
        this.b.append_bool(app, flags[i] === true);
        this.b.appender_end_row(app);
      });
    } finally {
      this.b.appender_close_sync(app);
    }
  }

  close(): void {
    this.b.disconnect_sync(this.conn);
    this.b.close_sync(this.db);
  }
}
