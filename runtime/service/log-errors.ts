/**
 * How the service logger writes an error: pino's standard serialiser, except for the message. pino appends every
 * cause's message to the error's own, but unilog's errors (and many others) already quote their cause, so a startup
 * failure read "X did not start: registry unreachable: registry unreachable: fetch failed". Here a cause's message is
 * appended only when the message so far does not already hold it.
 */
import { pino } from 'pino';

export function serializeError(err: unknown): unknown {
  const serialized: unknown = pino.stdSerializers.err(err as Error);
  if (!(err instanceof Error) || typeof serialized !== 'object' || serialized === null) return serialized;
  return Object.assign(serialized, { message: messageWithNewCauses(err) });
}

/** `err.message`, then each cause's message that the text so far does not contain, joined by ": ". */
function messageWithNewCauses(err: Error): string {
  let message = err.message;
  const seen = new Set<unknown>([err]);
  for (let cause: unknown = err.cause; cause instanceof Error && !seen.has(cause); cause = cause.cause) {
    seen.add(cause);
    if (cause.message !== '' && !message.includes(cause.message)) message = message === '' ? cause.message : `${message}: ${cause.message}`;
  }
  return message;
}
