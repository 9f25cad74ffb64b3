/**
 * segment-ingest's de-duplication when deliveries of one messageId overlap: a repeat waits for the first write and is
 * written itself only when that write failed; with a window of 0 nothing is de-duplicated, overlapping or not.
 */
import { expect, test } from 'vitest';
import { RecentIds } from '../../services/segment-ingest/src/recent-ids.js';

/** A write that resolves or rejects when the test says, and counts as made when called. */
function pendingWrite(writes: string[], name: string) {
  let settle!: (error?: Error) => void;
  const write = () => {
    writes.push(name);
    return new Promise<void>((resolve, reject) => (settle = (error) => (error ? reject(error) : resolve())));
  };
  return { write, settle: (error?: Error) => settle(error) };
}

test('a repeat that arrives while the first write fails is written itself', async () => {
  const recent = new RecentIds(60_000, 10);
  const writes: string[] = [];
  const first = pendingWrite(writes, 'first');
  const firstDone = recent.once('a', first.write).catch((e: Error) => e.message);
  const second = recent.once('a', async () => void writes.push('second'));
  first.settle(new Error('kafka down'));
  expect(await Promise.all([firstDone, second])).toEqual(['kafka down', 'written']);
  expect(writes).toEqual(['first', 'second']);
});

test('with a window of 0, overlapping deliveries are each written', async () => {
  const recent = new RecentIds(0, 10);
  const writes: string[] = [];
  const first = pendingWrite(writes, 'first');
  const firstDone = recent.once('a', first.write);
  const second = recent.once('a', async () => void writes.push('second'));
  first.settle();
  expect(await Promise.all([firstDone, second])).toEqual(['written', 'written']);
  expect(writes).toEqual(['first', 'second']);
  expect(recent.size).toBe(0);
});
