/**
 * Registry-aware serdes over the in-process fake registry: warm-up does the I/O, then encode/decode are synchronous
 * and ask nothing; other writers' ids are resolved through the codec's schema resolution, compiled once per id.
 */
import { describe, expect, test } from 'vitest';
import { CodecError, createCodec, createSchemaRegistry, type AvroRecordSchema } from '../../runtime/index.js';
import { FakeRegistry } from './fake-registry.js';

const V1: AvroRecordSchema = { type: 'record', name: 'com.acme.User', fields: [{ name: 'id', type: 'string' }] };
const V2: AvroRecordSchema = { ...V1, fields: [...V1.fields, { name: 'age', type: 'int', default: 0 }] };
const NO_ID: AvroRecordSchema = { ...V1, fields: [{ name: 'name', type: 'string' }] };

interface User {
  id: string;
}

function setup(policy: 'auto-register' | 'lookup-only' = 'auto-register') {
  const fake = new FakeRegistry();
  const registry = createSchemaRegistry({ url: fake.base, fetch: fake.fetch, policy });
  return { fake, registry, serde: registry.serde(createCodec<User>(V1), 'users-value') };
}

describe('serde', () => {
  test('auto-register: prepare registers the standalone schema once; then encode/decode ask nothing', async () => {
    const { fake, serde } = setup();
    expect(() => serde.encode({ id: 'a' })).toThrow(
      expect.objectContaining({ code: 'SERDE_NOT_PREPARED', message: "subject 'users-value': encode before the schema id is known (await prepare() first)" }),
    );
    const [id, again] = await Promise.all([serde.prepare(), serde.prepare()]);
    expect(again).toBe(id);
    expect(serde.schemaId).toBe(id);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /subjects/users-value/versions']);
    fake.requests.length = 0;
    for (let i = 0; i < 1000; i++) {
      const bytes = serde.encode({ id: `u${i}` });
      expect(bytes.readUInt32BE(1)).toBe(id);
      expect(serde.missingWriter(bytes)).toBeUndefined();
      expect(serde.decode(bytes)).toEqual({ id: `u${i}` });
    }
    expect(await serde.decodeAsync(serde.encode({ id: 'z' }))).toEqual({ id: 'z' });
    expect(fake.requests).toEqual([]);
  });

  test('lookup-only: prepare looks the schema up and never registers', async () => {
    const { fake, serde } = setup('lookup-only');
    await expect(serde.prepare()).rejects.toMatchObject({ code: 'SCHEMA_NOT_REGISTERED', message: expect.stringContaining("subject 'users-value' does not exist") });
    const id = fake.put('users-value', V1);
    expect(await serde.prepare()).toBe(id);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /subjects/users-value', 'POST /subjects/users-value']);
  });

  test('another writer id: WRITER_SCHEMA_NOT_LOADED until loaded, then resolved to the reader type, fetched once', async () => {
    const { fake, serde } = setup();
    const v2 = createCodec<User & { age: number }>(V2);
    const v2Id = fake.put('users-value', V2);
    const bytes = v2.encodeFramed({ id: 'b', age: 30 }, v2Id);
    expect(serde.missingWriter(bytes)).toBe(v2Id);
    expect(() => serde.decode(bytes)).toThrow(expect.objectContaining({ code: 'WRITER_SCHEMA_NOT_LOADED', message: expect.stringContaining(`await loadWriter(${v2Id})`) }));
    expect(await serde.decodeAsync(bytes)).toEqual({ id: 'b' });
    expect(serde.decode(v2.encodeFramed({ id: 'c', age: 1 }, v2Id))).toEqual({ id: 'c' });
    expect(fake.requests.filter((r) => r.path === `/schemas/ids/${v2Id}`)).toHaveLength(1);
  });

  test('a writer the reader cannot read: INCOMPATIBLE_SCHEMA naming the id and registry, remembered', async () => {
    const { fake, serde } = setup();
    const badId = fake.put('users-value', NO_ID);
    const bytes = createCodec<{ name: string }>(NO_ID).encodeFramed({ name: 'n' }, badId);
    const err = await serde.decodeAsync(bytes).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CodecError);
    expect(err).toMatchObject({ code: 'INCOMPATIBLE_SCHEMA', retriable: false });
    expect((err as Error).cause).toMatchObject({ code: 'INCOMPATIBLE_SCHEMA' });
    expect((err as Error).message).toMatch(new RegExp(`^data written with schema id ${badId} \\(registry ${fake.base}\\) cannot be read as com\\.acme\\.User: `));
    expect(serde.missingWriter(bytes)).toBeUndefined();
    expect(() => serde.decode(bytes)).toThrow(err as Error);
    expect(fake.requests.filter((r) => r.method === 'GET')).toHaveLength(1);
  });

  test('bytes that are not framed fail with the codec error', () => {
    const { serde } = setup();
    expect(() => serde.missingWriter(Buffer.from([1, 2, 3]))).toThrow(expect.objectContaining({ code: 'BAD_MAGIC' }));
    expect(() => serde.decode(Buffer.from([0, 0]))).toThrow(expect.objectContaining({ code: 'TRUNCATED' }));
  });

  test('a failed prepare is not remembered: the next one asks again', async () => {
    const { fake, serde } = setup();
    let down = true;
    fake.override(/POST/, async () => {
      if (down) throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
      return new Response(JSON.stringify({ id: 42 }), { status: 200 });
    });
    await expect(serde.prepare()).rejects.toMatchObject({ code: 'REGISTRY_UNREACHABLE' });
    down = false;
    expect(await serde.prepare()).toBe(42);
  });
});
