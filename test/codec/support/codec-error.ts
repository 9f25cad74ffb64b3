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

/** The code of the error `fn` throws: a CodecError's code, 'other' for anything else, undefined when it throws none. */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof CodecError ? e.code : 'other';
  }
  return undefined;
}
