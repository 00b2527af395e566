interface Waiter<T> {
  resolve: (handed: T | null) => void;
  /** Accepts a handed-over holder (`acquireOrTake`) instead of a fresh slot. */
  takes: boolean;
}

/**
 * At most `limit` holders per key (simultaneous connections per MX host). A holder done with
 * its slot may hand what it holds (an open connection) straight to a waiter, slot included.
 */
export class HostLimiter<T = never> {
  private active = new Map<string, number>();
  private waiting = new Map<string, Array<Waiter<T>>>();

  /**
   * `onContention(key)` is called when someone starts waiting for a key: a holder that is only
   * idling (a connection kept open for reuse) can then give its slot up, or hand it over, at once.
   */
  constructor(
    private readonly limit: number,
    private readonly onContention?: (key: string) => void,
  ) {}

  async acquire(key: string): Promise<() => void> {
    // Not a taker: never handed anything, always a slot of its own.
    const got = (await this.enter(key, false)) as { release: () => void };
    return got.release;
  }

  /** A fresh slot (`release` it when done), or what a holder handed over (its slot comes with it). */
  acquireOrTake(key: string): Promise<{ release: () => void } | { handed: T }> {
    return this.enter(key, true);
  }

  /** Gives `value` and its slot to the first waiter that takes handed-over holders; false: none waits. */
  handOff(key: string, value: T): boolean {
    const q = this.waiting.get(key);
    const i = q?.findIndex((w) => w.takes) ?? -1;
    if (!q || i < 0) return false;
    const [waiter] = q.splice(i, 1);
    if (q.length === 0) this.waiting.delete(key);
    waiter!.resolve(value);
    return true;
  }

  private async enter(key: string, takes: boolean): Promise<{ release: () => void } | { handed: T }> {
    if ((this.active.get(key) ?? 0) >= this.limit) {
      const handed = await new Promise<T | null>((resolve) => {
        const q = this.waiting.get(key) ?? [];
        q.push({ resolve, takes });
        this.waiting.set(key, q);
        this.onContention?.(key);
      });
      if (handed !== null) return { handed };
    } else {
      this.active.set(key, (this.active.get(key) ?? 0) + 1);
    }
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const q = this.waiting.get(key);
        const next = q?.shift();
        if (q && q.length === 0) this.waiting.delete(key);
        // The slot passes straight to the next waiter; the count only drops when no one waits.
        if (next) next.resolve(null);
        else if ((this.active.get(key) ?? 1) <= 1) this.active.delete(key);
        else this.active.set(key, this.active.get(key)! - 1);
      },
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
