/** Omitted fields encode their defaults, given in Avro JSON form, for every kind of default. */
import { describe, expect, it } from 'vitest';
import { CodecError, createCodec, type AvroSchema } from '../../runtime/codec/index.js';

const fixedMD5 = { type: 'fixed', name: 'Two', size: 2 } as const;
const fields: [string, AvroSchema, unknown, unknown][] = [
  // name, type, default (Avro JSON), value that must encode identically
  ['n', 'null', null, null],
  ['b', 'boolean', true, true],
  ['i', 'int', -7, -7],
  ['l', 'long', 1234567890123, 1234567890123],
  ['f', 'float', 1.5, 1.5],
  ['d', 'double', -0.25, -0.25],
  ['s', 'string', 'héllo', 'héllo'],
  ['by', 'bytes', '\u0000\u00ff\u0041', Buffer.from([0, 255, 0x41])],
  ['fx', fixedMD5, '\u00ab\u00cd', Buffer.from([0xab, 0xcd])],
  ['e', { type: 'enum', name: 'Color', symbols: ['RED', 'constructor'] }, 'constructor', 'constructor'],
  ['r', { type: 'record', name: 'Point', fields: [{ name: 'x', type: 'int' }, { name: 'y', type: 'int', default: 9 }] }, { x: 1 }, { x: 1, y: 9 }],
  ['a', { type: 'array', items: 'string' }, ['a', 'b'], ['a', 'b']],
  ['m', { type: 'map', values: 'int' }, { k: 1, __proto__x: 2 }, { k: 1, __proto__x: 2 }],
  ['u', ['null', 'string'], null, null],
  ['u2', ['string', 'null'], 'first', 'first'],
  ['u3', ['int', 'long', 'null'], 5, { int: 5 }],
  ['ts', { type: 'long', logicalType: 'timestamp-millis' }, 86_400_000, new Date(86_400_000)],
  ['dec', { type: 'bytes', logicalType: 'decimal', precision: 5, scale: 2 }, '\u0004\u00d2', '12.34'],
  ['dt', { type: 'int', logicalType: 'date' }, 1, new Date(86_400_000)],
];

describe('defaults', () => {
  const schema: AvroSchema = {
    type: 'record',
    name: 'WithDefaults',
    fields: fields.map(([name, type, def]) => ({ name, type, default: def })),
  };
  const codec = createCodec<Record<string, unknown>>(schema);
  const explicit = Object.fromEntries(fields.map(([name, , , value]) => [name, value]));

  it('an empty object encodes every default', () => {
    expect(codec.encode({})).toEqual(codec.encode(explicit));
    expect(codec.decode(codec.encode({}))).toEqual(explicit);
  });

  it.each(fields.map(([name]) => name))('field %s: undefined encodes the default', (name) => {
    expect(codec.encode({ ...explicit, [name]: undefined })).toEqual(codec.encode(explicit));
  });

  it('a field without a default is required', () => {
    const c = createCodec({ type: 'record', name: 'R', fields: [{ name: 'x', type: 'int' }] });
    expect(() => c.encode({})).toThrow(/R\.x: expected int/);
  });

  it('an inherited property is not a value for fields named like Object.prototype members', () => {
    const c = createCodec({
      type: 'record',
      name: 'R',
      fields: [
        { name: 'constructor', type: 'string', default: 'c' },
        { name: '__proto__', type: 'int', default: 3 },
      ],
    });
    // JSON.parse makes "__proto__" an own property, as the codec does
    const back = c.decode(c.encode({})) as object;
    expect(back).toEqual(JSON.parse('{"constructor":"c","__proto__":3}'));
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
  });

  it.each([
    ['int', 'x'],
    ['bytes', '\u0100'],
    [fixedMD5, 'abc'],
    [{ type: 'enum', name: 'E', symbols: ['A'] }, 'B'],
    [['null', 'string'], 1], // a value of no branch (any branch may match, Avro 1.12)
    [{ type: 'record', name: 'P', fields: [{ name: 'x', type: 'int' }] }, {}],
  ] as [AvroSchema, unknown][])('an invalid default (%j, %j) is INVALID_SCHEMA naming the field', (type, def) => {
    const c = createCodec({ type: 'record', name: 'Bad', fields: [{ name: 'f', type, default: def }] });
    let err: unknown;
    try {
      c.encode({ f: undefined });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CodecError);
    expect((err as CodecError).code).toBe('INVALID_SCHEMA');
    expect((err as CodecError).message).toMatch(/^Bad\.f/);
  });
});
