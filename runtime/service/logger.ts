/**
 * The service's logger: pino, JSON lines on stdout. Writes are asynchronous and batched (as Dropwizard's async
 * appenders): lines collect up to 4 KiB, or for at most 250 ms, and go out in one write, so logging a request costs
 * no system call of its own. `flushLogger` waits until everything is written; runService calls it before exiting, and
 * pino writes what is left synchronously if the process exits any other way.
 */
import { pino, type Logger } from 'pino';

export function serviceLogger(name: string, level: string, dest: number | string = 1): Logger {
  return pino({ name, level }, pino.destination({ dest, sync: false, minLength: 4096, periodicFlush: 250 }));
}

export function flushLogger(log: unknown): Promise<void> {
  const flushable = log as { flush?: (cb?: (err?: Error) => void) => void };
  return new Promise<void>((resolve) => (flushable.flush ? flushable.flush(() => resolve()) : resolve()));
}
