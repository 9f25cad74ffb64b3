/**
 * Where the service's log lines go: a batching writer to a file descriptor or path (Dropwizard's async appender, minus
 * the thread). Each line is encoded straight into a 64 KiB buffer, and the buffer leaves in one `write` when it is
 * full or 100 ms after the first line of a batch, so a request's log line costs no system call and no string copies
 * of its own. pino's own `destination()` (sonic-boom) concatenates pending strings and measures them all again on every
 * line, which cost more than the rest of a request's logging together.
 *
 * Batches are written synchronously: one 64 KiB write to a file or pipe costs less than handing it to libuv's thread
 * pool. When the descriptor would block (a full non-blocking pipe) the rest waits and is retried, in order, on a
 * timer; `flushSync` at process exit writes everything left, so nothing logged is lost on a normal exit.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const BATCH_BYTES = 64 * 1024;
const BATCH_MS = 100;
const RETRY_MS = 10;

const live = new Set<LogDestination>();
process.on('exit', () => {
  for (const d of live) d.flushSync();
});

export class LogDestination {
  private readonly fd: number;
  private readonly ownsFd: boolean;
  // `utf8Write` is Buffer's encoder without `write()`'s argument checks (a third of a line's cost); room is checked above.
  private readonly buf = Buffer.allocUnsafe(BATCH_BYTES) as Buffer & { utf8Write(text: string, offset: number): number };
  private used = 0;
  /** Bytes a full descriptor did not take yet; they go before anything in `buf`. */
  private stalled: Buffer | undefined;
  private timer: NodeJS.Timeout | undefined;
  private waiters: (() => void)[] = [];

  /** `dest`: a file descriptor (1 = stdout) or a path, opened for appending. */
  constructor(dest: number | string) {
    this.ownsFd = typeof dest === 'string';
    this.fd = typeof dest === 'string' ? openSync(dest, 'a') : dest;
    live.add(this);
  }

  /** pino calls this with one serialised line. */
  write(line: string): boolean {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: make room before encoding, so a line is never cut.
    const most = line.length * 3;
    if (most > BATCH_BYTES - this.used) {
      this.writeOut();
      if (most > BATCH_BYTES) {
        this.stall(Buffer.from(line));
        this.writeOut();
        return true;
      }
    }
    // Lines go into the buffer even while a write is stalled: writeOut always sends the stalled bytes first.
    this.used += this.buf.utf8Write(line, this.used);
    this.timer ??= setTimeout(() => this.writeOut(), this.stalled ? RETRY_MS : BATCH_MS).unref();
    return true;
  }

  /** Calls back once every line written so far has reached the descriptor. */
  flush(callback?: (err?: Error) => void): void {
    this.writeOut();
    if (!callback) return;
    if (this.stalled) this.waiters.push(() => callback());
    else callback();
  }

  /** Writes everything now, waiting out a full descriptor; for process exit. */
  flushSync(): void {
    this.writeOut();
    while (this.stalled) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RETRY_MS);
      this.writeOut();
    }
  }

  /** Flushes and closes a descriptor this destination opened. */
  end(): void {
    this.flushSync();
    live.delete(this);
    if (this.ownsFd) closeSync(this.fd);
  }

  /** Queues bytes behind whatever is stalled already. */
  private stall(bytes: Buffer): void {
    this.stalled = this.stalled ? Buffer.concat([this.stalled, bytes]) : bytes;
  }

  private writeOut(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.used > 0) {
      // The buffer's bytes must stay in order behind stalled ones; copy them out only in that rare case.
      if (this.stalled) this.stall(Buffer.from(this.buf.subarray(0, this.used)));
      else this.stalled = this.buf.subarray(0, this.used);
      this.used = 0;
    }
    const bytes = this.stalled;
    if (!bytes) return;
    let off = 0;
    try {
      while (off < bytes.length) off += writeSync(this.fd, bytes, off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        // The unwritten rest must not alias `buf`, which the next lines will fill.
        this.stalled = Buffer.from(bytes.subarray(off));
        this.timer = setTimeout(() => this.writeOut(), RETRY_MS).unref();
        return;
      }
      // A log that cannot be written (closed stdout, full disk) must not take the service down; the lines are dropped.
    }
    this.stalled = undefined;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
