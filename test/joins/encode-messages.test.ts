/** Records framed for a transaction (runtime/join/encode-messages.ts): as the typed producer frames a plain send. */
import { describe, expect, test } from 'vitest';
import { encodeMessages } from '../../runtime/join/encode-messages.js';
import { preparedRegistry, users } from './join-fixture.js';

describe('encodeMessages', () => {
  test('key and value framed with the topic serdes, null as a tombstone, the partition kept', async () => {
    const registry = await preparedRegistry(users as never);
    const serdes = registry.topicSerdes(users);
    const out = encodeMessages(serdes as never, 'users', [{ key: { userId: 'a' }, value: { name: 'A' }, partition: 3 }, { key: { userId: 'b' }, value: null }]);
    expect(out.map((m) => [serdes.key.decode(m.key as Buffer), m.value === null ? null : serdes.value.decode(m.value as Buffer), m.partition])).toEqual([
      [{ userId: 'a' }, { name: 'A' }, 3],
      [{ userId: 'b' }, null, undefined],
    ]);
    expect(out[0]!.headers).toBe(out[1]!.headers);
  });

  test('a record the schema refuses is INVALID_RECORD naming topic and index; other errors pass through', async () => {
    const registry = await preparedRegistry(users as never);
    const serdes = registry.topicSerdes(users);
    const records = [{ key: { userId: 'a' }, value: { name: 'A' } }, { key: { userId: 'b' }, value: { name: 7 } }];
    expect(() => encodeMessages(serdes as never, 'users', records)).toThrow(expect.objectContaining({ code: 'INVALID_RECORD', message: expect.stringMatching(/^topic 'users', record 1: /), cause: expect.objectContaining({ name: 'CodecError' }) }));
    const unprepared = (await preparedRegistry()).topicSerdes(users);
    expect(() => encodeMessages(unprepared as never, 'users', records)).toThrow(expect.objectContaining({ code: 'SERDE_NOT_PREPARED' }));
  });
});
