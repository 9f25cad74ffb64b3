/** The error code registry, the docs and the thrown errors agree (one registry, documented once). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODEC_ERROR_CODES, CodecError, createCodec } from '../../runtime/codec/index.js';

const doc = readFileSync(new URL('../../docs/value-mapping.md', import.meta.url), 'utf8');

describe('error codes', () => {
  it('docs/value-mapping.md lists exactly the registry, in order', () => {
    const section = doc.slice(doc.indexOf('## Errors'), doc.indexOf('## Schema resolution'));
    const documented = [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual(Object.keys(CODEC_ERROR_CODES));
  });

  it('errors are CodecError instances with a registered code, not retriable', () => {
    let err: unknown;
    try {
      createCodec('int').encode('x' as never);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CodecError);
    expect(err).toBeInstanceOf(Error);
    expect(Object.keys(CODEC_ERROR_CODES)).toContain((err as CodecError).code);
    expect((err as CodecError).retriable).toBe(false);
    expect((err as CodecError).name).toBe('CodecError');
  });
});
