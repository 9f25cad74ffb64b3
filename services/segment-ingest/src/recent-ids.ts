// Duplicate suppression by `messageId`: an id whose event Kafka acknowledged within the window is answered 200 again
// without a second write. Only acknowledged writes are remembered, so an event whose write failed (a 503) is written
// when Segment retries it. A repeat that arrives while the first is still being written waits for that write.
// In memory, per process: a repeat after a restart, on another instance, or past the window is written again, so
// consumers that must not count an event twice key on `messageId` (it is in every record).

export type Outcome = 'written' | 'duplicate';

export class RecentIds {
  /** id → when it is forgotten (ms), oldest first: ids are added in time order, so expiry is too. */
  private readonly seen = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Ids forgotten before their window ended, because `maxIds` were remembered. */
  evicted = 0;

  constructor(
    private readonly windowMs: number,
    private readonly maxIds: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.seen.size;
  }

  /** Runs `write` unless `id` was written within the window; remembers `id` once `write` resolved. */
  async once(id: string, write: () => Promise<void>): Promise<Outcome> {
    if (this.windowMs === 0) return (await write(), 'written');
    this.forgetExpired();
    if (this.seen.has(id)) return 'duplicate';
    const pending = this.inFlight.get(id);
    if (pending) {
      const firstWrote = await pending.then(
        () => true,
        () => false,
      );
      return firstWrote ? 'duplicate' : this.once(id, write);
    }
    const p = write();
    this.inFlight.set(id, p);
    try {
      await p;
    } finally {
      this.inFlight.delete(id);
    }
    this.remember(id);
    return 'written';
  }

  private remember(id: string): void {
    this.seen.set(id, this.now() + this.windowMs);
    while (this.seen.size > this.maxIds) {
      this.seen.delete(this.seen.keys().next().value!);
      this.evicted++;
    }
  }

  private forgetExpired(): void {
    const t = this.now();
    for (const [id, until] of this.seen) {
      if (until > t) break;
      this.seen.delete(id);
    }
  }
}
