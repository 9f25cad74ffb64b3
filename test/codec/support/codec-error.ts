import { CodecError } from '../../../runtime/codec/index.js';

/** The CodecError `fn` throws; fails the test when it throws anything else or nothing. */
export function codecErrorOf(fn: () => unknown): CodecError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CodecError) return e;
    throw e;
  }
  throw new Error('expected a CodecError');
}
