/**
 * The service's logger: pino, JSON lines on stdout, written through a batching destination (see log-destination.ts).
 * `flushLogger` waits until everything is written (pino's `flush` reaches the destination); runService calls it before
 * exiting, and the destination writes what is left if the process exits any other way.
 */
import { pino, type Logger } from 'pino';
import { LogDestination } from './log-destination.js';
import { serializeError } from './log-errors.js';

/** Loggers made by `serviceLogger` (their line format is known) and their destinations. */
const destinations = new WeakMap<object, LogDestination>();

export function serviceLogger(name: string, level: string, dest: number | string = 1): Logger {
  const destination = new LogDestination(dest);
  const log = pino({ name, level, serializers: { err: serializeError } }, destination);
  destinations.set(log, destination);
  return log;
}

export function flushLogger(log: unknown): Promise<void> {
  const flushable = log as { flush?: (cb?: (err?: Error) => void) => void };
  return new Promise<void>((resolve) => (flushable.flush ? flushable.flush(() => resolve()) : resolve()));
}

export interface DirectLine {
  readonly destination: LogDestination;
  /** The logger's bindings as pino serialises them: `,"pid":…,"hostname":…,"name":…`. */
  readonly bindings: string;
  /** The logger's current numeric level (it can change while the service runs). */
  readonly levelOf: () => number;
}

/** How to write a line as `log` would, for a logger made by `serviceLogger` (whose format is known); else undefined. */
export function directLineOf(log: unknown): DirectLine | undefined {
  const destination = typeof log === 'object' && log !== null ? destinations.get(log) : undefined;
  if (!destination) return undefined;
  const logger = log as Logger;
  const bindings = (logger as unknown as Record<symbol, unknown>)[pino.symbols.chindingsSym];
  return typeof bindings === 'string' ? { destination, bindings, levelOf: () => logger.levelVal } : undefined;
}
