/** Schemas that name types they do not define, given a lookup (as generated code does). */
import { describe, expect, it } from 'vitest';
import { createCodec, type AvroSchema } from '../../runtime/codec/index.js';

const defs: Record<string, AvroSchema> = {
  'com.x.Address': {
    type: 'record',
    name: 'Address',
    namespace: 'com.x',
    fields: [
      { name: 'city', type: 'string' },
      { name: 'country', type: 'Country' }, // short name, resolved in com.x
    ],
  },
  'com.x.Country': { type: 'enum', name: 'Country', namespace: 'com.x', symbols: ['UK', 'FR'] },
};
const lookup = (name: string): AvroSchema | undefined => defs[name];

const user: AvroSchema = {
  type: 'record',
  name: 'User',
  namespace: 'com.x',
  fields: [
    { name: 'home', type: 'Address' },
    { name: 'work', type: ['null', 'com.x.Address'], default: null },
  ],
};

describe('named lookup', () => {
  it('encodes and decodes through looked-up definitions', () => {
    const c = createCodec(user, {}, lookup);
    const v = { home: { city: 'London', country: 'UK' }, work: { city: 'Paris', country: 'FR' } };
    expect(c.decode(c.encode(v))).toEqual(v);
  });

  it('standaloneSchema inlines each looked-up type once, where first used, and reads the same bytes', () => {
    const c = createCodec(user, {}, lookup);
    const standalone = c.standaloneSchema();
    const json = JSON.stringify(standalone);
    expect(json.match(/"type":"record","name":"Address"/g)).toHaveLength(1);
    expect(json.match(/"name":"Country"/g)).toHaveLength(1);
    const v = { home: { city: 'a', country: 'FR' }, work: null };
    expect(createCodec(standalone).decode(c.encode(v))).toEqual(v);
  });

  it('a name neither defined nor found is INVALID_SCHEMA', () => {
    expect(() => createCodec(user, {}, () => undefined).encode({} as never)).toThrow(/unknown type name "Address"/);
  });
});
