/**
 * fastify gives every request a child logger carrying its request id, and pino's `child()` serialises the bindings at
 * once. Most requests never log (the access line is written on its own, see access-log.ts), so loggers here are made
 * on first use: fastify gets a lazy root whose children are lazy too. (A custom `childLoggerFactory` would do the same,
 * but fastify then re-validates every request's logger.)
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, LevelWithSilentOrString, LogFn } from 'pino';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

class LazyLogger {
  private made: FastifyBaseLogger | undefined;
  declare fatal: LogFn;
  declare error: LogFn;
  declare warn: LogFn;
  declare info: LogFn;
  declare debug: LogFn;
  declare trace: LogFn;
  declare silent: LogFn;

  constructor(
    private readonly make: () => FastifyBaseLogger,
    private readonly levelBeforeMade: () => LevelWithSilentOrString,
  ) {}

  get level(): LevelWithSilentOrString {
    return this.made?.level ?? this.levelBeforeMade();
  }

  set level(level: LevelWithSilentOrString) {
    this.logger().level = level;
  }

  child(bindings: Bindings, options: ChildLoggerOptions = {}): FastifyBaseLogger {
    return new LazyLogger(
      () => this.logger().child(bindings, options),
      () => options.level ?? this.level,
    ) as unknown as FastifyBaseLogger;
  }

  logger(): FastifyBaseLogger {
    this.made ??= this.make();
    return this.made;
  }
}

for (const level of LEVELS) {
  Object.defineProperty(LazyLogger.prototype, level, {
    value(this: LazyLogger, ...args: unknown[]): void {
      const logger = this.logger();
      (logger[level] as (...a: unknown[]) => void).apply(logger, args);
    },
  });
}

/** `log` for fastify's `loggerInstance`: it and every child it makes create their pino logger on first use. */
export function lazyLogger(log: FastifyBaseLogger): FastifyBaseLogger {
  return new LazyLogger(() => log, () => log.level) as unknown as FastifyBaseLogger;
}
