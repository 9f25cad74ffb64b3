/**
 * Loads generated/codecs.js before any other generated module. Imported first on its own, generated/topics.js or
 * generated/index.js evaluates codecs.ts while the types module that imported it is still loading (the
 * codecs.ts <-> types/*.ts import cycle): plain Node throws a TDZ ReferenceError, vitest leaves that module's entries
 * of `codecs` undefined. Entered through codecs.ts, every types module is evaluated before the `codecs` table is built.
 * Remove once the generator breaks the cycle.
 */
import '../../generated/codecs.js';
