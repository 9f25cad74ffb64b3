/**
 * Names with and without dots (Avro specification, "Names"): a dotted reference is a full name, never taken into the
 * enclosing namespace; a type named without a namespace, outside any, is in the null namespace, and so are the types
 * it defines.
 */
import { expect, it } from 'vitest';
import { createCodec } from '../../runtime/codec/index.js';

it('a dotted reference inside a namespace is the full name as written', () => {
  const c = createCodec({
    type: 'record',
    name: 'R',
    namespace: 'x',
    fields: [
      { name: 'f1', type: { type: 'fixed', name: 'a.B', size: 1 } },
      { name: 'f2', type: { type: 'fixed', name: 'B', namespace: 'x.a', size: 2 } },
      { name: 'f3', type: 'a.B' },
    ],
  });
  const value = { f1: Buffer.from([1]), f2: Buffer.from([2, 2]), f3: Buffer.from([3]) };
  expect([...c.encode(value)]).toEqual([1, 2, 2, 3]);
});

it('types defined in a record of the null namespace are in it too: known by their short names', () => {
  const c = createCodec<{ u: Buffer | { F: Buffer } }>({
    type: 'record',
    name: 'Rec',
    fields: [{ name: 'u', type: ['bytes', { type: 'fixed', name: 'F', size: 1 }] }],
  });
  expect([...c.encode({ u: { F: Buffer.from([9]) } })]).toEqual([0x02, 9]);
  expect(c.decode(Buffer.from([0x02, 9]))).toEqual({ u: { F: Buffer.from([9]) } });
});
