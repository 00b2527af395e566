/** At most `limit` holders per key (simultaneous connections per MX host). */
export class HostLimiter {
  private active = new Map<string, number>();
  private waiting = new Map<string, Array<() => void>>();

  constructor(private readonly limit: number) {}

  async acquire(key: string): Promise<() => void> {
    if ((this.active.get(key) ?? 0) >= this.limit) {
      await new Promise<void>((resolve) => {
        const q = this.waiting.get(key) ?? [];
        q.push(resolve);
        this.waiting.set(key, q);
      });
    } else {
      this.active.set(key, (this.active.get(key) ?? 0) + 1);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.get(key)?.shift();
      // The slot passes straight to the next waiter; the count only drops when no one waits.
      if (next) next();
      else this.active.set(key, (this.active.get(key) ?? 1) - 1);
    };
  }

  /** Connections open to a host right now (tests, metrics). */
  activeFor(key: string): number {
    return this.active.get(key) ?? 0;
  }
}
