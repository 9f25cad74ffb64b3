/**
 * Managed objects, as in Dropwizard: anything with `start()` / `stop()` (Kafka consumers and producers, replays, a
 * user's own pools). They start in the order they were registered, after the configuration is valid and before the
 * application port opens, and stop in reverse order after it closed. A start that fails stops what already started.
 */
import type { FastifyBaseLogger } from 'fastify';
import { UnilogError } from '../../errors.js';

export interface Managed {
  start?(): void | Promise<void>;
  stop?(): void | Promise<void>;
}

interface Entry {
  readonly name: string;
  readonly object: Managed;
  started: boolean;
}

export class Lifecycle {
  private readonly entries: Entry[] = [];
  private running = false;

  constructor(private readonly log: FastifyBaseLogger) {}

  /** Registers `object` under `name` (for logs); returns it. Registering after start is an error. */
  manage<T extends Managed>(name: string, object: T): T {
    if (this.running) throw new UnilogError('SERVICE_ALREADY_STARTED', `cannot manage '${name}': the service has already started`);
    this.entries.push({ name, object, started: false });
    return object;
  }

  names(): string[] {
    return this.entries.map((e) => e.name);
  }

  async startAll(): Promise<void> {
    this.running = true;
    for (const e of this.entries) {
      const t = performance.now();
      try {
        await e.object.start?.();
      } catch (error) {
        // The error itself travels up in the ManagedStartError (runService logs it once, as the reason it did not start).
        this.log.error({ managed: e.name }, `start of ${e.name} failed; stopping what started`);
        await this.stopAll();
        throw new ManagedStartError(e.name, error);
      }
      e.started = true;
      this.log.info({ managed: e.name, ms: Math.round(performance.now() - t) }, `started ${e.name}`);
    }
  }

  /** Stops every started object in reverse order; a failure is logged and the others still stop. Returns the failures. */
  async stopAll(): Promise<unknown[]> {
    const failures: unknown[] = [];
    for (const e of [...this.entries].reverse()) {
      if (!e.started) continue;
      e.started = false;
      const t = performance.now();
      try {
        await e.object.stop?.();
        this.log.info({ managed: e.name, ms: Math.round(performance.now() - t) }, `stopped ${e.name}`);
      } catch (error) {
        failures.push(error);
        this.log.error({ err: error, managed: e.name }, `stop of ${e.name} failed`);
      }
    }
    this.running = false;
    return failures;
  }
}

export class ManagedStartError extends Error {
  override readonly name = 'ManagedStartError';
  readonly code = 'MANAGED_START_FAILED';
  constructor(readonly managed: string, cause: unknown) {
    super(`${managed} did not start: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
