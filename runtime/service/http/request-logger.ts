/**
 * A request's logger: the service logger's child carrying the request id (`reqId`), made on first use, since most
 * requests never log (the access line is written on its own, see access-log.ts). fastify is given no logger at all
 * (with one it makes a child logger and adds response listeners for every request, see observed-response.ts), so the
 * framework puts this on `request.log` and `reply.log` itself.
 */
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
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
    private readonly reqId: string,
  ) {}

  get level(): LevelWithSilentOrString {
    return this.made?.level ?? this.root.level;
  }

  set level(level: LevelWithSilentOrString) {
    this.logger().level = level;
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger().child(bindings, options);
  }

  logger(): FastifyBaseLogger {
    this.made ??= this.root.child({ reqId: this.reqId });
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

/** Gives `request` and `reply` the request's logger (once; fastify's own is a no-op) and returns it. */
export function attachRequestLogger(root: FastifyBaseLogger, request: FastifyRequest, reply: FastifyReply): FastifyBaseLogger {
  if (request.log instanceof RequestLogger) return request.log;
  const log = new RequestLogger(root, request.id) as unknown as FastifyBaseLogger;
  request.log = log;
  reply.log = log;
  return log;
}
