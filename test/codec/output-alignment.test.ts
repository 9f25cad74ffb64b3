/**
 * Every result starts at a multiple of 8 bytes in its ArrayBuffer, as Node aligns Buffer.allocUnsafe's pool, so a
 * typed-array view of it (a Float64Array over a bytes value, say) can be made without a copy.
 */
import { expect, it } from 'vitest';
import { createCodec } from '../../runtime/codec/index.js';

it('results one after another are each aligned to 8 bytes', () => {
  const c = createCodec<string>('string');
  for (const s of ['a', 'bb', 'ccc', 'x'.repeat(13), '', 'y'.repeat(200)]) {
    expect(c.encode(s).byteOffset % 8).toBe(0);
  }
});
