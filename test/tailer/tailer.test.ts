/**
 * The tailer (runtime/tailer/tailer.ts, docs/tailer.md) over stand-ins (pg-stub.ts): pg.Client's methods answer the
 * catalog queries, the replication stream is pg-logical-replication's own over a connection the test feeds with
 * pgoutput messages, and Kafka is the kafkajs fake. What is checked is what a user relies on: a transaction's records are written at its commit, and
 * its end is confirmed to PostgreSQL only once Kafka acknowledged them (the real database is in test/integration).
 */
import { LogicalReplicationService } from 'pg-logical-replication';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createSchemaRegistry } from '../../runtime/index.js';
import { createTailer } from '../../runtime/tailer/tailer.js';
import { FakeKafka } from '../runtime/fake-kafka.js';
import { FakeRegistry } from '../runtime/fake-registry.js';
import { begin, commit, def, insert, started, stubPostgres } from './pg-stub.js';

afterEach(() => vi.restoreAllMocks());

describe('tailer', () => {
  test('streams from the slot\'s confirmed position; a transaction is written at its commit and its end confirmed after', async () => {
    const t = await started();
    expect(t.tailer.stats()).toEqual({ phase: 'streaming', snapshotRows: 0, changes: 0, deadLetters: 0, confirmedLsn: '0/100' });
    await t.feed(begin(7), insert('0/160', 'a', 1), insert('0/170', 'b', 2));
    expect(t.values()).toEqual([]);
    expect(t.acks).toEqual([]);
    await t.feed(commit('0/1A0'));
    expect(t.values()).toEqual([['a', { id: 'a', qty: 1 }], ['b', { id: 'b', qty: 2 }]]);
    expect(t.acks).toEqual(['0/1A0']);
    expect(t.tailer.stats()).toMatchObject({ changes: 2, confirmedLsn: '0/1A0' });
    await t.feed(begin(8), ['0/1B0', { tag: 'update', old: null, key: null, new: { id: 'a', qty: 5 } }], ['0/1C0', { tag: 'delete', old: null, key: { id: 'b' } }], commit('0/1D0'));
    expect(t.values().slice(2)).toEqual([['a', { id: 'a', qty: 5 }], ['b', null]]);
    expect(t.acks).toEqual(['0/1A0', '0/1D0']);
    await t.tailer.stop();
    expect(t.tailer.stats().phase).toBe('stopped');
    await expect(t.tailer.done).resolves.toBeUndefined();
  });

  test('a new slot starts with a snapshot of the table in the slot\'s exported snapshot, then streams from its consistent point', async () => {
    const t = await started({ slot: 'none', rows: [{ id: 'a', qty: 1 }, { id: 'b', qty: 'x' }] }, 500);
    expect(t.statements).toEqual(expect.arrayContaining([
      'COMMENT ON PUBLICATION "unilog_items" IS NULL',
      'CREATE_REPLICATION_SLOT "unilog_items" LOGICAL pgoutput EXPORT_SNAPSHOT',
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
      "SET TRANSACTION SNAPSHOT '0000''3'",
      'DECLARE unilog_snapshot NO SCROLL CURSOR FOR SELECT "id", "qty" FROM "public"."items"',
      'FETCH 500 FROM unilog_snapshot',
      'COMMIT',
      "COMMENT ON PUBLICATION \"unilog_items\" IS 'unilog: the snapshot of slot unilog_items is complete'",
    ]));
    expect(t.values()).toEqual([['a', { id: 'a', qty: 1 }]]);
    expect(t.sentTo('items.dlq')).toHaveLength(1);
    expect(t.tailer.stats()).toEqual({ phase: 'streaming', snapshotRows: 2, changes: 0, deadLetters: 1, confirmedLsn: '0/300' });
    expect(LogicalReplicationService.prototype.subscribe).toHaveBeenCalledWith(expect.anything(), 'unilog_items', '0/300');
  });

  test('a slot whose snapshot never completed is dropped and the table snapshotted again', async () => {
    const t = await started({ slot: 'unmarked', rows: [{ id: 'a', qty: 1 }] });
    expect(t.statements).toContain('SELECT pg_drop_replication_slot($1)');
    expect(t.statements.indexOf('SELECT pg_drop_replication_slot($1)')).toBeLessThan(t.statements.findIndex((x) => x.startsWith('CREATE_REPLICATION_SLOT')));
    expect(t.values()).toEqual([['a', { id: 'a', qty: 1 }]]);
  });

  test('a keepalive that asks for an answer gets the position Kafka acknowledged, never the one received', async () => {
    const t = await started();
    await t.feed(begin(7), insert('0/160', 'a', 1));
    t.keepalive('0/900', true);
    t.keepalive('0/900', false);
    expect(t.acks).toEqual(['0/100']);
  });

  test('a row that cannot be converted goes to the dead-letter topic, and the transaction is still confirmed', async () => {
    const t = await started();
    await t.feed(begin(7), insert('0/160', 'a', 'many'), insert('0/170', 'b', 2), commit('0/180'));
    expect(t.values()).toEqual([['b', { id: 'b', qty: 2 }]]);
    const [dead] = t.sentTo('items.dlq');
    expect(dead).toMatchObject({ key: '{"id":"a"}', value: '{"id":"a","qty":"many"}', headers: { 'unilog-error': 'column qty: many is not an int', 'unilog-error-code': 'TAILER_UNMAPPABLE_VALUE' } });
    expect(t.tailer.stats()).toMatchObject({ deadLetters: 1, changes: 2, confirmedLsn: '0/180' });
    expect(t.acks).toEqual(['0/180']);
  });

  test('a record the schema refuses stops the tailer: nothing after it is confirmed', async () => {
    const t = await started();
    await t.feed(begin(7), insert('0/160', 'a', 2 ** 40), commit('0/180'));
    await expect(t.tailer.done).rejects.toMatchObject({ code: 'INVALID_RECORD' });
    expect(t.acks).toEqual([]);
    expect(t.tailer.stats()).toMatchObject({ phase: 'failed', confirmedLsn: '0/100' });
  });

  test('Kafka unreachable: the batch is sent again with fresh producers, and confirmed only once acknowledged', async () => {
    const t = await started();
    const first = t.kafka.producers.length;
    for (const p of t.kafka.producers) p.send = async () => { throw new Error('connect ECONNREFUSED'); };
    await t.feed(begin(7), insert('0/160', 'a', 1), commit('0/180'));
    expect(t.acks).toEqual([]);
    await new Promise((r) => setTimeout(r, 400));
    expect(t.kafka.producers.length).toBe(first + 2);
    expect(t.values()).toEqual([['a', { id: 'a', qty: 1 }]]);
    expect(t.acks).toEqual(['0/180']);
  });

  test('a truncate stops the tailer with TAILER_STOPPED', async () => {
    const t = await started();
    await t.feed(begin(7), ['0/160', { tag: 'truncate' }]);
    await expect(t.tailer.done).rejects.toMatchObject({ code: 'TAILER_STOPPED', message: expect.stringContaining('public.items was truncated') });
    expect(t.tailer.stats()).toMatchObject({ phase: 'failed', error: expect.stringContaining('was truncated') });
  });

  test('a table that does not match the mapping: start fails with TAILER_TABLE_MISMATCH, listing every problem', async () => {
    stubPostgres({ columns: [{ name: 'id', type: 'uuid', not_null: true }] });
    const kafka = new FakeKafka();
    const fake = new FakeRegistry();
    const tailer = createTailer(def, { connection: {}, kafka: kafka.asKafka(), registry: createSchemaRegistry({ url: fake.base, fetch: fake.fetch }) });
    await expect(tailer.start()).rejects.toMatchObject({
      code: 'TAILER_TABLE_MISMATCH',
      message: 'tailer items: the table does not match the mapping (2 problem(s)):\n  column id is uuid, the mapping says text\n  public.items has no column qty (it has id)',
    });
    expect(tailer.stats().phase).toBe('failed');
  });

  test('a slot another process reads: TAILER_SLOT_IN_USE without standby', async () => {
    stubPostgres({ activePid: () => 4711 });
    const kafka = new FakeKafka();
    const fake = new FakeRegistry();
    const tailer = createTailer(def, { connection: {}, kafka: kafka.asKafka(), registry: createSchemaRegistry({ url: fake.base, fetch: fake.fetch }) });
    await expect(tailer.start()).rejects.toMatchObject({ code: 'TAILER_SLOT_IN_USE' });
  });

  test('producers, the dead-letter topic and a topic prefix: as configured', async () => {
    const t = await started({}, undefined, { topicPrefix: 'staging.' });
    expect(t.kafka.createRequests.flatMap((r) => r.topics)).toEqual([expect.objectContaining({ topic: 'staging.items.dlq', numPartitions: 1, configEntries: expect.arrayContaining([{ name: 'cleanup.policy', value: 'delete' }]) })]);
    expect(t.kafka.producers.every((p) => p.connected && p.config.idempotent === true)).toBe(true);
    expect(t.kafka.producers.find((p) => p.config.maxInFlightRequests === 1 && p.config.allowAutoTopicCreation === false)).toBeDefined();
    await t.feed(begin(1), insert('0/160', 'a', 1), commit('0/170'));
    expect(t.kafka.producers.flatMap((p) => p.sent).map((x) => x.topic)).toEqual(['staging.items']);
    expect(await t.tailer.lagBytes()).toBe(4096);
    await t.tailer.stop();
    expect(await t.tailer.lagBytes()).toBeUndefined();
    await t.tailer.stop();
    expect(t.kafka.producers.some((p) => p.connected)).toBe(false);
  });

  test('transactions committed while Kafka is busy are sent together, and the last one\'s end confirmed once', async () => {
    const t = await started();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const calls: number[] = [];
    for (const p of t.kafka.producers) {
      const send = p.send.bind(p);
      p.send = async (r) => (calls.push(r.messages.length), await gate, send(r));
    }
    await t.feed(begin(1), insert('0/160', 'a', 1), commit('0/170'));
    await t.feed(begin(2), insert('0/180', 'b', 2), commit('0/190'), begin(3), insert('0/1A0', 'c', 3), commit('0/1B0'));
    release();
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toEqual([1, 2]);
    expect(t.acks).toEqual(['0/170', '0/1B0']);
  });

  test('standby: waits while another process reads the slot, then takes over', async () => {
    let looks = 0;
    const t = await started({ activePid: () => (++looks < 3 ? 4711 : null) }, undefined, { standby: true, standbyPollMs: 5 });
    expect(looks).toBe(3);
    expect(t.tailer.stats().phase).toBe('streaming');
  });

  test('a slot another process created first: TAILER_SLOT_IN_USE (both of PostgreSQL\'s codes for it)', async () => {
    for (const code of ['42710', '55006']) {
      stubPostgres({ slot: 'none', createError: { code } });
      const fake = new FakeRegistry();
      const tailer = createTailer(def, { connection: {}, kafka: new FakeKafka().asKafka(), registry: createSchemaRegistry({ url: fake.base, fetch: fake.fetch }) });
      await expect(tailer.start()).rejects.toMatchObject({ code: 'TAILER_SLOT_IN_USE', message: 'replication slot unilog_items is read by another process: one slot is one stream (start with standby to wait for it)' });
      vi.restoreAllMocks();
    }
    stubPostgres({ slot: 'none', createError: { code: '42501' } });
    const fake = new FakeRegistry();
    const tailer = createTailer(def, { connection: {}, kafka: new FakeKafka().asKafka(), registry: createSchemaRegistry({ url: fake.base, fetch: fake.fetch }) });
    await expect(tailer.start()).rejects.toMatchObject({ code: '42501' });
  });

  test('a snapshot that fails drops the slot it created, so the next start snapshots again', async () => {
    const pgStub = stubPostgres({ slot: 'none', fetchError: new Error('canceling statement') });
    const fake = new FakeRegistry();
    const tailer = createTailer(def, { connection: {}, kafka: new FakeKafka().asKafka(), registry: createSchemaRegistry({ url: fake.base, fetch: fake.fetch }) });
    await expect(tailer.start()).rejects.toThrow('canceling statement');
    expect(pgStub.statements).toContain('DROP_REPLICATION_SLOT "unilog_items"');
    expect(tailer.stats()).toMatchObject({ phase: 'failed', error: 'canceling statement' });
    await tailer.stop();
    expect(tailer.stats().phase).toBe('failed');
  });
});
