/**
 * Where the service's log lines go: a batching writer to a file descriptor or path (Dropwizard's async appender, minus
 * the thread). Lines collect in memory and leave in one `write` when 16 KiB have gathered or 100 ms after the first line
 * of a batch, so a request's log line costs no system call of its own.
 *
 * Batches are written synchronously: one ~16 KiB write to a file or pipe costs a few microseconds, less than handing it
 * to libuv's thread pool. pino's own `destination()` (sonic-boom) also measures its whole pending buffer on every
 * line, which cost more than the rest of a request's logging together. When the descriptor would block (a full
 * non-blocking pipe) the rest waits and is retried, in order, on a timer; `flushSync` at process exit writes everything
 * left, so nothing logged is lost on a normal exit.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const BATCH_CHARS = 16 * 1024;
const BATCH_MS = 100;
const RETRY_MS = 10;

const live = new Set<LogDestination>();
process.on('exit', () => {
  for (const d of live) d.flushSync();
});

export class LogDestination {
  private readonly fd: number;
  private readonly ownsFd: boolean;
  private pending: string[] = [];
  private pendingChars = 0;
  /** Bytes a full descriptor did not take yet; they go before anything pending. */
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
    this.pending.push(line);
    this.pendingChars += line.length;
    if (this.pendingChars >= BATCH_CHARS && !this.stalled) this.writeOut();
    else this.timer ??= setTimeout(() => this.writeOut(), this.stalled ? RETRY_MS : BATCH_MS).unref();
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

  private writeOut(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.length > 0) {
      const text = this.pending.length === 1 ? this.pending[0]! : this.pending.join('');
      this.pending = [];
      this.pendingChars = 0;
      this.stalled = this.stalled ? Buffer.concat([this.stalled, Buffer.from(text)]) : Buffer.from(text);
    }
    const buf = this.stalled;
    if (!buf) return;
    let off = 0;
    try {
      while (off < buf.length) off += writeSync(this.fd, buf, off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        this.stalled = buf.subarray(off);
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
