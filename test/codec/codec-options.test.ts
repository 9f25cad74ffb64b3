/** The codec options: every mapping each logical type takes, and each INVALID_OPTIONS message. */
import { expect, it } from 'vitest';
import { createCodec, type CodecOptions } from '../../runtime/codec/index.js';

const MAPPINGS: [string, string[]][] = [
  ['timestamp-millis', ['date', 'number', 'underlying']],
  ['local-timestamp-millis', ['date', 'number', 'underlying']],
  ['timestamp-micros', ['number', 'bigint', 'underlying']],
  ['local-timestamp-micros', ['number', 'bigint', 'underlying']],
  ['timestamp-nanos', ['bigint', 'number', 'underlying']],
  ['local-timestamp-nanos', ['bigint', 'number', 'underlying']],
  ['date', ['date', 'number', 'underlying']],
  ['time-millis', ['number', 'underlying']],
  ['time-micros', ['number', 'bigint', 'underlying']],
  ['uuid', ['string', 'underlying']],
  ['decimal', ['string', 'bigint', 'underlying']],
  ['duration', ['object', 'underlying']],
];

it.each(MAPPINGS)('%s takes %j, and names them when refusing another', (name, allowed) => {
  for (const m of allowed) expect(() => createCodec('int', { logicalTypes: { [name]: m } } as CodecOptions)).not.toThrow();
  expect(() => createCodec('int', { logicalTypes: { [name]: 'nope' } } as unknown as CodecOptions)).toThrow(
    expect.objectContaining({ code: 'INVALID_OPTIONS', message: `logicalTypes.${name} must be one of ${allowed.map((m) => `'${m}'`).join(', ')}, found "nope"` }),
  );
});

it.each([
  [{ long: 'string' }, `option long must be 'number' or 'bigint', found "string"`],
  [{ logicalTypes: { nope: 'number' } }, 'logicalTypes: unknown logical type "nope"'],
  [{ logicalTypes: 5 }, 'option logicalTypes must be a boolean or an object'],
  [{ logicalTypes: 'yes' }, 'option logicalTypes must be a boolean or an object'],
])('%j: INVALID_OPTIONS', (options, message) => {
  expect(() => createCodec('int', options as unknown as CodecOptions)).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS', message }));
});

it('a mapping left undefined is the default', () => {
  const c = createCodec({ type: 'long', logicalType: 'timestamp-millis' }, { logicalTypes: { 'timestamp-millis': undefined } });
  expect(c.decode(Buffer.from([4]))).toEqual(new Date(2));
});

it('the same options asked twice give codecs that behave the same', () => {
  const a = createCodec({ type: 'long', logicalType: 'timestamp-nanos' }, { logicalTypes: { 'timestamp-nanos': 'number' } });
  const b = createCodec({ type: 'long', logicalType: 'timestamp-nanos' }, { logicalTypes: { 'timestamp-nanos': 'number' } });
  expect(a.decode(Buffer.from([4]))).toBe(2);
  expect(b.decode(Buffer.from([4]))).toBe(2);
});
