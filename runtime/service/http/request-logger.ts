/**
 * Request loggers, through fastify's `childLoggerFactory` option: `request.log` and `reply.log` are the service
 * logger's child carrying the request id (`reqId`), made on first use, since most requests never log (the access line
 * is written with the service logger, see access-log.ts). fastify itself is given no logger, so it writes no lines of
 * its own (such as one per listening address) beside the service's.
 */
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import type { Bindings, ChildLoggerOptions, LevelWithSilentOrString, LogFn } from 'pino';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

class RequestLogger {
  private made: FastifyBaseLogger | undefined;
  declare fatal: LogFn;
  declare error: LogFn;
  declare warn: LogFn;
  declare info: LogFn;
  declare debug: LogFn;
  declare trace: LogFn;
  declare silent: LogFn;

  constructor(
    private readonly root: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  get level(): LevelWithSilentOrString {
    return this.made?.level ?? this.options.level ?? this.root.level;
  }

  set level(level: LevelWithSilentOrString) {
    this.logger().level = level;
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger().child(bindings, options);
  }

  logger(): FastifyBaseLogger {
    this.made ??= this.root.child(this.bindings, this.options);
    return this.made;
  }
}

for (const level of LEVELS) {
  Object.defineProperty(RequestLogger.prototype, level, {
    value(this: RequestLogger, ...args: unknown[]): void {
      const logger = this.logger();
      (logger[level] as (...a: unknown[]) => void).apply(logger, args);
    },
  });
}

/** fastify's `childLoggerFactory` for a port whose requests log to `root` (fastify passes its own no-op logger). */
export function requestLoggers(root: FastifyBaseLogger): NonNullable<FastifyServerOptions['childLoggerFactory']> {
  return (_fastifyLogger, bindings, options) => new RequestLogger(root, bindings, options) as unknown as FastifyBaseLogger;
}
