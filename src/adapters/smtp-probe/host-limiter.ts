/** At most `limit` holders per key (simultaneous connections per MX host). */
export class HostLimiter {
  private active = new Map<string, number>();
  private waiting = new Map<string, Array<() => void>>();

  /**
   * `onContention(key)` is called when someone starts waiting for a key: a holder that is only
   * idling (a connection kept open for reuse) can then give its slot up at once.
   */
  constructor(
    private readonly limit: number,
    private readonly onContention?: (key: string) => void,
  ) {}

  async acquire(key: string): Promise<() => void> {
    if ((this.active.get(key) ?? 0) >= this.limit) {
      await new Promise<void>((resolve) => {
        const q = this.waiting.get(key) ?? [];
        q.push(resolve);
        this.waiting.set(key, q);
        this.onContention?.(key);
      });
    } else {
      this.active.set(key, (this.active.get(key) ?? 0) + 1);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const q = this.waiting.get(key);
      const next = q?.shift();
      if (q && q.length === 0) this.waiting.delete(key);
      // The slot passes straight to the next waiter; the count only drops when no one waits.
      if (next) next();
      else if ((this.active.get(key) ?? 1) <= 1) this.active.delete(key);
      else this.active.set(key, this.active.get(key)! - 1);
    };
  }

  /** Connections open to a host right now (tests, metrics). */
  activeFor(key: string): number {
    return this.active.get(key) ?? 0;
  }

  /** Callers waiting for a slot of this key. */
  waitingFor(key: string): number {
    return this.waiting.get(key)?.length ?? 0;
  }
}
