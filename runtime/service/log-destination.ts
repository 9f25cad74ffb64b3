/**
 * Where the service's log lines go: a batching writer to a file descriptor or path (Dropwizard's async appender, minus
 * the thread). Each line is encoded straight into a 64 KiB buffer, and the buffer leaves in one `write` when it is
 * full or 100 ms after the first line of a batch, so a request's log line costs no system call and no string copies
 * of its own. pino's own `destination()` (sonic-boom) concatenates pending strings and measures them all again on every
 * line, which cost more than the rest of a request's logging together.
 *
 * Batches are written synchronously: one 64 KiB write to a file or pipe costs less than handing it to libuv's thread
 * pool. When the descriptor would block (a full non-blocking pipe) the rest waits and is retried, in order, on a
 * timer; past 16 MiB waiting, new lines are dropped and counted, and a line saying how many follows once writes go
 * through again. `flushSync` at process exit writes everything left (waiting up to 2 s for a blocked descriptor), so
 * nothing logged is lost on a normal exit.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const BATCH_BYTES = 64 * 1024;
const BATCH_MS = 100;
const RETRY_MS = 10;
/** How much may wait for a blocked descriptor before lines are dropped (and counted), rather than memory filling up. */
const MAX_STALLED_BYTES = 16 * 1024 * 1024;
const EXIT_WAIT_MS = 2000;

const live = new Set<LogDestination>();
process.on('exit', () => {
  for (const d of live) d.flushSync();
});

export class LogDestination {
  private readonly fd: number;
  private readonly ownsFd: boolean;
  private readonly maxStalledBytes: number;
  private readonly buf = Buffer.allocUnsafe(BATCH_BYTES);
  private used = 0;
  /** Bytes a blocked descriptor has not taken yet, oldest first; they go before anything in `buf`. */
  private stalled: Buffer[] = [];
  private stalledBytes = 0;
  /** Lines dropped because `stalled` was full; reported in a line of their own once the descriptor takes writes. */
  private dropped = 0;
  private timer: NodeJS.Timeout | undefined;
  private waiters: (() => void)[] = [];

  /** `dest`: a file descriptor (1 = stdout) or a path, opened for appending. */
  constructor(dest: number | string, options: { readonly maxStalledBytes?: number } = {}) {
    this.ownsFd = typeof dest === 'string';
    this.fd = typeof dest === 'string' ? openSync(dest, 'a') : dest;
    this.maxStalledBytes = options.maxStalledBytes ?? MAX_STALLED_BYTES;
    live.add(this);
  }

  /** pino calls this with one serialised line. */
  write(line: string): boolean {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: make room before encoding, so a line is never cut.
    const most = line.length * 3;
    if (most > BATCH_BYTES - this.used) {
      this.writeOut();
      if (most > BATCH_BYTES) {
        this.stall(Buffer.from(line), () => 1);
        this.writeOut();
        return true;
      }
    }
    // Lines go into the buffer even while a write is stalled: writeOut always sends the stalled bytes first.
    this.used += this.buf.write(line, this.used);
    this.timer ??= setTimeout(() => this.writeOut(), this.stalledBytes > 0 ? RETRY_MS : BATCH_MS).unref();
    return true;
  }

  /** Calls back once every line written so far has reached the descriptor. */
  flush(callback?: (err?: Error) => void): void {
    this.writeOut();
    if (!callback) return;
    if (this.stalledBytes > 0) this.waiters.push(() => callback());
    else callback();
  }

  /** Writes everything now, waiting out a blocked descriptor for a while; for process exit. */
  flushSync(): void {
    this.writeOut();
    const deadline = Date.now() + EXIT_WAIT_MS;
    while (this.stalledBytes > 0 && Date.now() < deadline) {
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

  /** Queues bytes behind whatever is stalled already, or drops them (counting their lines) when too much is. */
  private stall(bytes: Buffer, lines: () => number): void {
    if (this.stalledBytes + bytes.length > this.maxStalledBytes) {
      this.dropped += lines();
      return;
    }
    this.stalled.push(bytes);
    this.stalledBytes += bytes.length;
  }

  private writeOut(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.used > 0) {
      // While nothing is stalled the buffer is written from in place; behind stalled bytes it must be copied.
      const bytes = this.stalledBytes > 0 ? Buffer.from(this.buf.subarray(0, this.used)) : this.buf.subarray(0, this.used);
      this.stall(bytes, () => countLines(bytes));
      this.used = 0;
    }
    while (this.stalled.length > 0) {
      const bytes = this.stalled[0]!;
      let off = 0;
      try {
        while (off < bytes.length) off += writeSync(this.fd, bytes, off);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          // The unwritten rest must not alias `buf`, which the next lines will fill.
          this.stalled[0] = Buffer.from(bytes.subarray(off));
          this.stalledBytes -= off;
          this.timer = setTimeout(() => this.writeOut(), RETRY_MS).unref();
          return;
        }
        // A log that cannot be written (closed stdout, full disk) must not take the service down; the lines are lost.
      }
      this.stalled.shift();
      this.stalledBytes -= bytes.length;
    }
    if (this.dropped > 0) {
      const line = `{"level":40,"time":${Date.now()},"msg":"the log's destination was blocked: ${this.dropped} line(s) dropped"}\n`;
      this.dropped = 0;
      this.stall(Buffer.from(line), () => 1);
      this.writeOut();
      return;
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

function countLines(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}
