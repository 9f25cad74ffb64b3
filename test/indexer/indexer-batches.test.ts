/**
 * The indexer's batches (runtime/indexer/indexer.ts) over the kafkajs fake and an OpenSearch stand-in: one bulk request
 * per batch, documents versioned by offset, the offset committed only once the engine answered for every record,
 * what cannot be indexed dead-lettered, an engine outage waited out, a deleted index the end.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { BulkEvent } from '../../runtime/indexer/index.js';
import { message } from '../runtime/fake-kafka.js';
import { responseError } from './fake-search.js';
import { existing, setup } from './indexer-fixture.js';

afterEach(() => vi.restoreAllMocks());

const doc = (id: string, age = 30) => ({ id, name: `n-${id}`, age });

describe('indexer: batches', () => {
  test('a batch is one bulk request: documents versioned by offset, tombstones deleted; then its offset is committed', async () => {
    const bulks: BulkEvent[] = [];
    const t = await setup({ onBulk: (e) => bulks.push(e) }, existing);
    await t.indexer.start();
    await t.consumer().deliver(1, [t.user(10, 'a'), t.user(11, 'b'), t.tombstone(12, 'b'), t.tombstone(13, 'c')], { highWatermark: '20' });
    expect(t.search.docs('users-v1')).toEqual({ a: { version: 10, source: doc('a') } });
    expect(t.search.calls.filter((c) => c === 'bulk')).toHaveLength(1);
    expect(t.consumer().commits).toEqual([{ partition: 1, offset: '14' }]);
    expect(bulks).toEqual([{ partition: 1, records: 4, indexed: 2, deleted: 2, stale: 0, rejected: 0, requests: 1, ms: expect.any(Number) }]);
    expect(bulks[0]!.ms).toBeGreaterThanOrEqual(0);
    expect(bulks[0]!.ms).toBeLessThan(10_000);
    expect(t.indexer.stats().lag).toEqual(new Map([[1, 6]]));
    await t.consumer().deliver(1, [t.user(14, 'd')]);
    expect(t.indexer.stats().lag).toEqual(new Map([[1, 0]]));
  });

  test('a redelivered batch cannot put an older version back', async () => {
    const bulks: BulkEvent[] = [];
    const t = await setup({ onBulk: (e) => bulks.push(e) }, existing);
    await t.indexer.start();
    await t.consumer().deliver(0, [t.user(5, 'a', 40)]);
    await t.consumer().deliver(0, [t.user(4, 'a', 30), t.user(5, 'a', 40)]);
    expect(t.search.docs('users-v1')).toEqual({ a: { version: 5, source: doc('a', 40) } });
    expect(bulks[1]).toMatchObject({ records: 2, indexed: 0, stale: 2 });
  });

  test('documentId names the document', async () => {
    const t = await setup({ documentId: (key) => `user-${key}` }, existing);
    await t.indexer.start();
    await t.consumer().deliver(0, [t.user(1, 'a')]);
    expect(Object.keys(t.search.docs('users-v1'))).toEqual(['user-a']);
  });

  test('a record that cannot be decoded is dead-lettered; the others are indexed and the batch committed', async () => {
    const letters: unknown[] = [];
    const t = await setup({ onDeadLetter: (e) => letters.push(e) }, existing);
    await t.indexer.start();
    await t.consumer().deliver(0, [t.user(1, 'a'), message(2, Buffer.from('k'), Buffer.from([0, 0, 0, 0, 1])), t.user(3, 'c')]);
    expect(Object.keys(t.search.docs('users-v1'))).toEqual(['a', 'c']);
    expect(t.dlq()).toHaveLength(1);
    expect(letters).toEqual([expect.objectContaining({ topic: 'users', partition: 0, offset: '2', deadLetterTopic: 'users.dlq' })]);
    expect(t.consumer().commits).toEqual([{ partition: 0, offset: '4' }]);
  });

  test('a batch of only dead letters sends no bulk request, and is committed', async () => {
    const bulks: BulkEvent[] = [];
    const t = await setup({ onBulk: (e) => bulks.push(e) }, existing);
    await t.indexer.start();
    await t.consumer().deliver(0, [message(1, Buffer.from('k'), Buffer.from([0, 0, 0, 0, 1]))]);
    expect(t.dlq()).toHaveLength(1);
    expect(t.search.calls.filter((c) => c === 'bulk')).toEqual([]);
    expect(bulks).toEqual([]);
    expect(t.consumer().commits).toEqual([{ partition: 0, offset: '2' }]);
  });

  test('an empty batch: nothing written, nothing committed', async () => {
    const bulks: BulkEvent[] = [];
    const t = await setup({ onBulk: (e) => bulks.push(e) }, existing);
    await t.indexer.start();
    await t.consumer().deliver(0, []);
    expect(bulks).toEqual([]);
    expect(t.consumer().commits).toEqual([]);
    expect(t.indexer.stats().lag).toEqual(new Map());
  });

  test('without the optional callbacks: a refused document is still dead-lettered, a failure still stops the indexer, a crash is ignored', async () => {
    const t = await setup({}, existing);
    t.search.answer = (id) => (id === 'b' ? { status: 400, error: { type: 'mapper_parsing_exception', reason: 'bad' } } : undefined);
    await t.indexer.start();
    await t.consumer().deliver(0, [t.user(1, 'a'), t.user(2, 'b')]);
    expect(t.dlq()).toHaveLength(1);
    expect(t.consumer().commits).toEqual([{ partition: 0, offset: '3' }]);
    t.consumer().crash(new Error('rebalancing'), true);
    t.search.indices.delete('users-v1');
    await t.consumer().deliver(0, [t.user(3, 'c')]);
    expect(t.indexer.stats().failure).toMatchObject({ code: 'INDEX_MISSING' });
    expect(t.consumer().commits).toHaveLength(1);
  });

  test('a key documentId cannot name is dead-lettered at the first attempt', async () => {
    const letters: Array<{ attempts: number; offset: string }> = [];
    const t = await setup({ documentId: (key) => { if (key === 'bad') throw new Error('no id for bad'); return key; }, onDeadLetter: (e) => letters.push(e) }, existing);
    await t.indexer.start();
    await t.consumer().deliver(0, [t.user(1, 'bad'), t.user(2, 'a')]);
    expect(letters.map((l) => [l.offset, l.attempts])).toEqual([['1', 1]]);
    expect(Object.keys(t.search.docs('users-v1'))).toEqual(['a']);
  });

  test('a dead letter that cannot be written fails the batch for kafkajs to retry: nothing committed, the indexer goes on', async () => {
    const t = await setup({}, existing);
    t.search.answer = () => ({ status: 400, error: { type: 'mapper_parsing_exception', reason: 'bad' } });
    await t.indexer.start();
    for (const p of t.kafka.producers) p.failSends.push(new Error('connect ECONNREFUSED'));
    await expect(t.consumer().deliver(0, [t.user(1, 'a')])).rejects.toMatchObject({ code: 'DEAD_LETTER_FAILED' });
    expect(t.consumer().commits).toEqual([]);
    expect(t.indexer.stats().failure).toBeUndefined();
    expect(t.consumer().calls).not.toContain('stop');
  });

  test('a document the engine refuses is dead-lettered with DOCUMENT_REJECTED; the batch is committed', async () => {
    const letters: unknown[] = [];
    const bulks: BulkEvent[] = [];
    const t = await setup({ onDeadLetter: (e) => letters.push(e), onBulk: (e) => bulks.push(e) }, existing);
    t.search.answer = (id) => (id === 'b' ? { status: 400, error: { type: 'mapper_parsing_exception', reason: 'failed to parse field [age]' } } : undefined);
    await t.indexer.start();
    const b = t.user(2, 'b');
    await t.consumer().deliver(0, [t.user(1, 'a'), b]);
    const error = "index 'users-v1' refused the document of users[0]@2: mapper_parsing_exception: failed to parse field [age]";
    expect(t.dlq()).toEqual([expect.objectContaining({ key: b.key, value: b.value, headers: expect.objectContaining({ 'unilog-error': error, 'unilog-error-code': 'DOCUMENT_REJECTED' }) })]);
    expect(letters).toEqual([{ topic: 'users', partition: 0, offset: '2', deadLetterTopic: 'users.dlq', code: 'DOCUMENT_REJECTED', error: expect.objectContaining({ message: error }), attempts: 1 }]);
    expect(bulks[0]).toMatchObject({ indexed: 1, rejected: 1 });
    expect(t.consumer().commits).toEqual([{ partition: 0, offset: '3' }]);
  });

  test('the engine unreachable: the request is sent again after each backoff, with heartbeats, and committed once written', async () => {
    const retries: unknown[] = [];
    const t = await setup({ onRetry: (e) => retries.push(e) }, existing);
    t.search.bulkFailures.push(responseError('connect ECONNREFUSED', null), responseError('Service Unavailable', 503));
    await t.indexer.start();
    await t.consumer().deliver(0, [t.user(1, 'a')]);
    expect(retries).toEqual([{ failures: 1, cause: 'connect ECONNREFUSED' }, { failures: 2, cause: 'Service Unavailable' }]);
    expect(t.consumer().heartbeats).toEqual([0, 0]);
    expect(Object.keys(t.search.docs('users-v1'))).toEqual(['a']);
    expect(t.consumer().commits).toEqual([{ partition: 0, offset: '2' }]);
  });

  test('stopped while the engine is unreachable: nothing is committed', async () => {
    const t = await setup({ retry: { initialDelayMs: 50, maxDelayMs: 50 } }, existing);
    t.search.bulkFailures.push(...Array.from({ length: 100 }, () => responseError('connect ECONNREFUSED', null)));
    await t.indexer.start();
    const batch = t.consumer().deliver(0, [t.user(1, 'a')]);
    await new Promise((r) => setTimeout(r, 20));
    await t.indexer.stop();
    await batch;
    expect(t.consumer().commits).toEqual([]);
    expect(t.search.calls.filter((c) => c === 'bulk')).toHaveLength(1);
  });

  test('a consumer no longer running after a backoff: the batch is left uncommitted', async () => {
    const t = await setup({}, existing);
    t.search.bulkFailures.push(responseError('Service Unavailable', 503));
    await t.indexer.start();
    t.search.onBulk = () => void (t.consumer().running = false);
    await t.consumer().deliver(0, [t.user(1, 'a')]);
    expect(t.consumer().commits).toEqual([]);
    expect(t.search.calls.filter((c) => c === 'bulk')).toHaveLength(1);
  });

  test('the index deleted under it: the indexer stops for good with INDEX_MISSING, nothing committed', async () => {
    const failures: unknown[] = [];
    const t = await setup({ onFailed: (e) => failures.push(e) }, existing);
    await t.indexer.start();
    t.search.indices.delete('users-v1');
    await t.consumer().deliver(0, [t.user(1, 'a')]);
    expect(failures).toEqual([expect.objectContaining({ code: 'INDEX_MISSING' })]);
    expect(t.indexer.stats().failure).toBe(failures[0]);
    expect(t.consumer().commits).toEqual([]);
    // It stops itself; a later stop() does nothing more.
    await new Promise((r) => setTimeout(r, 10));
    expect(t.consumer().calls).toEqual(['connect', 'subscribe', 'run', 'stop', 'disconnect']);
    expect(t.kafka.producers.every((p) => !p.connected)).toBe(true);
    await t.indexer.stop();
    expect(t.consumer().calls).toEqual(['connect', 'subscribe', 'run', 'stop', 'disconnect']);
  });

  test('a request the engine refuses as a whole stops the indexer too', async () => {
    const failures: unknown[] = [];
    const t = await setup({ onFailed: (e) => failures.push(e) }, existing);
    t.search.bulkFailures.push(responseError('Request Entity Too Large', 413));
    await t.indexer.start();
    await t.consumer().deliver(0, [t.user(1, 'a')]);
    expect(failures).toEqual([expect.objectContaining({ code: 'INDEX_WRITE_FAILED' })]);
    expect(t.consumer().commits).toEqual([]);
  });

  test('a batch of a stale or stopped consumer is neither written nor committed', async () => {
    const t = await setup({}, existing);
    await t.indexer.start();
    await t.consumer().deliver(0, [t.user(1, 'a')], { stale: true });
    t.search.onBulk = undefined;
    expect(t.search.calls.filter((c) => c === 'bulk')).toEqual([]);
    expect(t.consumer().commits).toEqual([]);
  });

  test('a crash of the consumer is reported with whether kafkajs restarts it', async () => {
    const crashes: unknown[] = [];
    const t = await setup({ onCrash: (error, restart) => crashes.push([error, restart]) }, existing);
    await t.indexer.start();
    const error = new Error('The coordinator is not aware of this member');
    t.consumer().crash(error, true);
    expect(crashes).toEqual([[error, true]]);
  });
});
