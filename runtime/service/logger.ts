/**
 * The service's logger: pino, JSON lines on stdout, written through a batching destination (see log-destination.ts).
 * `flushLogger` waits until everything is written (pino's `flush` reaches the destination); runService calls it before
 * exiting, and the destination writes what is left if the process exits any other way.
 */
import { pino, type Logger } from 'pino';
import { LogDestination } from './log-destination.js';
import { serializeError } from './log-errors.js';

export function serviceLogger(name: string, level: string, dest: number | string = 1): Logger {
  return pino({ name, level, serializers: { err: serializeError } }, new LogDestination(dest));
}

export function flushLogger(log: unknown): Promise<void> {
  const flushable = log as { flush?: (cb?: (err?: Error) => void) => void };
  return new Promise<void>((resolve) => (flushable.flush ? flushable.flush(() => resolve()) : resolve()));
}
