import { Worker } from 'node:worker_threads';

/**
 * Main-thread stand-in for a PGlite instance whose real database lives in a worker thread
 * (pglite-host.mjs). It implements the part of PGlite's interface that drizzle's PGlite
 * driver uses — query(), exec() and transaction() — so drizzle runs unchanged on top of it.
 */
interface HostError {
  message: string;
  name: string;
  code?: string;
  constraint?: string;
  detail?: string;
}

export class PgliteHostError extends Error {
  code?: string;
  constraint?: string;
  detail?: string;
  constructor(e: HostError) {
    super(e.message);
    this.name = 'DatabaseError';
    this.code = e.code;
    this.constraint = e.constraint;
    this.detail = e.detail;
  }
}

interface QueryOptions {
  rowMode?: 'array' | 'object';
  blob?: Blob;
}

interface QueryResultLike {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows: number;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export class PgliteProxy {
  private worker: Worker;
  private seq = 0;
  private txSeq = 0;
  private pending = new Map<number, Pending>();
  private dead: Error | null = null;
  readonly ready: Promise<void>;

  /**
   * @param dataDir the PostgreSQL data directory; undefined keeps the database in memory.
   * @param options.loadDataDir a dump (gzipped tarball) to load into the new, empty dataDir.
   */
  constructor(dataDir: string | undefined, options: { loadDataDir?: Uint8Array } = {}) {
    this.worker = new Worker(new URL('./pglite-host.mjs', import.meta.url), {
      workerData: { dataDir, loadDataDir: options.loadDataDir },
    });
    this.ready = new Promise((resolve, reject) => {
      const onFirst = (msg: { ready?: boolean; error?: HostError }) => {
        if (msg.ready) resolve();
        else reject(new PgliteHostError(msg.error ?? { message: 'embedded database failed to start', name: 'Error' }));
      };
      this.worker.once('message', (msg) => {
        onFirst(msg);
        this.worker.on('message', (m) => this.onMessage(m));
      });
      this.worker.once('error', (e) => reject(e));
    });
    this.worker.on('error', (e) => this.failAll(e));
    this.worker.on('exit', (code) => this.failAll(new Error(`embedded database worker exited (${code})`)));
  }

  private failAll(e: Error) {
    this.dead ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  private onMessage(msg: { id: number; result?: unknown; error?: HostError }) {
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.error) p.reject(new PgliteHostError(msg.error));
    else p.resolve(msg.result);
  }

  private send<T>(msg: Record<string, unknown>): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  query<T = unknown>(sql: string, params: unknown[] = [], options: QueryOptions = {}, txId?: number) {
    return this.send<QueryResultLike & { rows: T[] }>({
      op: 'query',
      sql,
      params,
      rowMode: options.rowMode,
      blob: options.blob,
      txId,
    });
  }

  exec(sql: string, txId?: number) {
    return this.send<QueryResultLike[]>({ op: 'exec', sql, txId });
  }

  /** Runs fn on the single connection, exclusively, between BEGIN and COMMIT/ROLLBACK. */
  async transaction<T>(fn: (tx: PgliteProxyTx) => Promise<T>): Promise<T> {
    const txId = ++this.txSeq;
    await this.send({ op: 'begin', txId });
    const tx = new PgliteProxyTx(this, txId);
    try {
      const result = await fn(tx);
      await this.send({ op: 'commit', txId });
      return result;
    } catch (e) {
      await this.send({ op: 'rollback', txId }).catch(() => undefined);
      throw e;
    }
  }

  /** A consistent copy of the data directory as a gzipped tarball. */
  async dumpDataDir(): Promise<Uint8Array> {
    return this.send<Uint8Array>({ op: 'dump', compression: 'gzip' });
  }

  async close() {
    if (!this.dead) await this.send({ op: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }
}

export class PgliteProxyTx {
  constructor(
    private proxy: PgliteProxy,
    private txId: number,
  ) {}
  query<T = unknown>(sql: string, params: unknown[] = [], options: QueryOptions = {}) {
    return this.proxy.query<T>(sql, params, options, this.txId);
  }
  exec(sql: string) {
    return this.proxy.exec(sql, this.txId);
  }
}
