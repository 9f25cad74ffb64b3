/**
 * The envelope shape against a private PostgreSQL and the real Kafka: the mapping the generator emits for an `items`
 * table (test/tailer/envelope-fixture.ts), run by the tailer, writes Debezium's change events: `r` for the snapshot,
 * then `c`, `u` (with `before`, the table has REPLICA IDENTITY FULL) and `d` followed by a tombstone, each with
 * `source{…, lsn, txId, ts_ms}`; a table without REPLICA IDENTITY FULL is refused.
 */
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseCatalog } from '../../generator/catalog/load-catalog.js';
import { defaultTypeMapping } from '../../generator/config/type-mapping.js';
import { resolveSchemaDir } from '../../generator/resolve/resolve-schemas.js';
import { tailerMapping } from '../../generator/tailers/emit-tailers.js';
import { parseTailers } from '../../generator/tailers/load-tailers.js';
import { createCodec, defineTopic, ensureTopics, type AvroSchema } from '../../runtime/index.js';
import { createTailer, defineTailer, type TailerMapping } from '../../runtime/tailer/index.js';
import { workDir, writeFiles } from '../support/generate-into.js';
import { ITEMS_CATALOG, ITEMS_SCHEMAS, ITEMS_TABLE, ITEMS_TAILERS } from '../tailer/envelope-fixture.js';
import { startPostgres, type PrivatePostgres } from './postgres.js';
import { kafka, readRaw, registry, unique } from './runtime-support.js';

let postgres: PrivatePostgres;
let client: Kafka;
beforeAll(() => {
  postgres = startPostgres(3);
  client = kafka();
});
afterAll(() => postgres?.stop());

interface Item { id: string; name: string; qty: number; note: string | null }
interface ItemEvent { before: Item | null; after: Item | null; op: string; source: Record<string, unknown>; ts_ms: number | null }

/** The generator's mapping for the fixture, and a topic whose codecs are the fixture's Key and Envelope. */
async function itemsTailer() {
  const dir = workDir('tailer-envelope-it');
  writeFiles(dir, { 'items.avsc': ITEMS_SCHEMAS });
  const { catalog } = parseCatalog(ITEMS_CATALOG, 'topics.yaml', resolveSchemaDir(dir).set);
  const spec = parseTailers(ITEMS_TAILERS, 'tailers.yaml', catalog, defaultTypeMapping()).declarations.tailers[0]!;
  const [key, value, source, envelope] = JSON.parse(ITEMS_SCHEMAS) as [AvroSchema, AvroSchema, AvroSchema, { fields: Array<{ name: string; type: unknown }> }];
  // One self-contained Envelope: Value and Source defined where first used.
  const inline = { ...envelope, fields: envelope.fields.map((f) => (f.name === 'before' ? { ...f, type: ['null', value] } : f.name === 'source' ? { ...f, type: source } : f)) };
  const topic = defineTopic({
    name: unique('t-shop.public.items'), key: createCodec<{ id: string }>(key), value: createCodec<ItemEvent>(inline as AvroSchema),
    visibility: 'shared', owner: 'shop-tailer', partitions: 3, cleanupPolicy: 'compact', compatibility: 'BACKWARD',
  });
  await ensureTopics(client, [topic]);
  return defineTailer(topic, tailerMapping(spec, 'number') as unknown as TailerMapping);
}

test('snapshot r, then c, u with before, d and its tombstone, each with source lsn, txId and ts_ms', async () => {
  const db = await postgres.createDatabase(`${ITEMS_TABLE} INSERT INTO items VALUES ('00000000-0000-4000-8000-000000000001', 'pen', 3, NULL);`);
  const def = await itemsTailer();
  const slot = def.topic.name.replace(/[-.]/g, '_');
  const tailer = createTailer(def, { connection: postgres.connection(db), kafka: client, registry: registry(), slot });
  await tailer.start();
  const id2 = '00000000-0000-4000-8000-000000000002';
  await postgres.query(db, `INSERT INTO items VALUES ('${id2}', 'ink', 1, 'blue')`);
  await postgres.query(db, `UPDATE items SET qty = 2 WHERE id = '${id2}'`);
  await postgres.query(db, `DELETE FROM items WHERE id = '${id2}'`);
  const raw = await readRaw(client, def.topic.name, 5);
  const events = raw
    .sort((a, b) => a.partition - b.partition || Number(a.message.offset) - Number(b.message.offset))
    .map((r) => ({ key: def.topic.key.decodeFramed(r.message.key!), value: r.message.value === null ? null : def.topic.value.decodeFramed(r.message.value) }));
  const snapshot = events.find((e) => e.key.id.endsWith('1'))!.value!;
  expect(snapshot).toMatchObject({ op: 'r', before: null, after: { name: 'pen', qty: 3, note: null }, source: { snapshot: 'true', txId: null, table: 'items', schema: 'public', db } });
  const ink = events.filter((e) => e.key.id === id2).map((e) => e.value);
  expect(ink.map((v) => v?.op ?? 'tombstone')).toEqual(['c', 'u', 'd', 'tombstone']);
  expect(ink[1]).toMatchObject({ before: { qty: 1, note: 'blue' }, after: { qty: 2 } });
  expect(ink[2]).toMatchObject({ before: { qty: 2 }, after: null });
  for (const v of ink.slice(0, 3)) {
    expect(v!.source).toMatchObject({ connector: 'postgresql', name: 'items', snapshot: 'false', sequence: null, xmin: null });
    expect(typeof v!.source['txId']).toBe('number');
    expect(v!.source['ts_ms']).toBeGreaterThan(Date.now() - 60_000);
  }
  // lsn grows in commit order, and each transaction has its own txId.
  const lsns = ink.slice(0, 3).map((v) => v!.source['lsn'] as number);
  expect([...lsns].sort((a, b) => a - b)).toEqual(lsns);
  expect(new Set(ink.slice(0, 3).map((v) => v!.source['txId'])).size).toBe(3);
  await tailer.stop();
});

test('the envelope shape refuses a table without REPLICA IDENTITY FULL', async () => {
  const db = await postgres.createDatabase(ITEMS_TABLE.replace('ALTER TABLE items REPLICA IDENTITY FULL;', ''));
  const def = await itemsTailer();
  const tailer = createTailer(def, { connection: postgres.connection(db), kafka: client, registry: registry(), slot: def.topic.name.replace(/[-.]/g, '_') });
  await expect(tailer.start()).rejects.toThrow(/public\.items needs REPLICA IDENTITY FULL for the envelope shape/);
});
