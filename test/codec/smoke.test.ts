import { describe, expect, it } from 'vitest';
import avro from 'avsc';
import { createCodec } from '../../runtime/codec/index.js';

describe('smoke', () => {
  it('round trips', () => {
    const schema = {
      type: 'record', name: 'User', namespace: 'x', fields: [
        { name: 'name', type: 'string' },
        { name: 'age', type: 'long' },
        { name: 'tags', type: { type: 'array', items: 'string' } },
        { name: 'opt', type: ['null', 'int'], default: null },
        { name: '__proto__', type: 'int', default: 3 },
        { name: 'kind', type: { type: 'enum', name: 'K', symbols: ['constructor', 'toString'] } },
      ],
    };
    const c = createCodec<Record<string, unknown>>(schema as never);
    const v = { name: 'héllo', age: 2 ** 40, tags: ['a', 'b'], opt: 5, kind: 'constructor' };
    const b = c.encode(v);
    const d = c.decode(b);
    expect(d.name).toBe('héllo');
    expect(Object.hasOwn(d, '__proto__')).toBe(true);
    expect(c.encode(d)).toEqual(b);
    expect(() => c.encode({ ...v, name: 1 })).toThrow(/name.*string/);
    const f = c.encodeFramed(v, 42);
    expect(c.schemaIdOf(f)).toBe(42);
    expect(c.decodeFramed(f)).toEqual(d);
  });
});
