/** `codec.name`, which names the codec before its schema is parsed (the path of its errors starts with it too). */
import { describe, expect, it } from 'vitest';
import { CodecError, createCodec, type AvroSchema } from '../../runtime/codec/index.js';

describe('codec.name', () => {
  it.each([
    ['a primitive by name', 'string', 'string'],
    ['a union', ['null', 'int'], 'union'],
    ['a record: its full name', { type: 'record', name: 'R', namespace: 'a.b', fields: [] }, 'a.b.R'],
    ['an error: its full name', { type: 'error', name: 'E', namespace: 'a', fields: [] }, 'a.E'],
    ['an enum: its full name', { type: 'enum', name: 'En', namespace: 'n', symbols: ['A'] }, 'n.En'],
    ['a fixed: its full name', { type: 'fixed', name: 'F', size: 2 }, 'F'],
    ['a named type with a namespace that is not a string: its name alone', { type: 'fixed', name: 'Q', namespace: 7, size: 2 }, 'Q'],
    ['an array', { type: 'array', items: 'int' }, 'array'],
    ['a map', { type: 'map', values: 'int' }, 'map'],
    ['a primitive object with a name: the type, not the name', { type: 'string', name: 'S' }, 'string'],
    ['a type given as a schema object: that schema\'s name', { type: { type: 'record', name: 'X', namespace: 'p', fields: [] } }, 'p.X'],
    ['a type that is neither a string nor an object', { type: 5 }, 'invalid'],
    ['a type that is null', { type: null }, 'invalid'],
    ['a number', 5, 'invalid'],
    ['null', null, 'invalid'],
  ] as [string, unknown, string][])('%s', (_, schema, name) => {
    expect(createCodec(schema as AvroSchema).name).toBe(name);
  });
});

describe('an invalid schema: createCodec names it, the first use refuses it', () => {
  it.each([
    ['a record without a name', { type: 'record', fields: [] }, 'record'],
    ['an enum whose name is not a string', { type: 'enum', name: 5, symbols: ['A'] }, 'enum'],
  ] as [string, unknown, string][])('%s', (_, schema, name) => {
    const c = createCodec(schema as AvroSchema);
    expect(c.name).toBe(name);
    expect(() => c.encode({} as never)).toThrow(expect.objectContaining({ code: 'INVALID_SCHEMA' }) as CodecError);
  });
});
