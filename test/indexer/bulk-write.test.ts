// writeBulk against an in-process stand-in for the engine's bulk endpoint: what each item answer means, and how
// failures are sent again. (test/search runs the same against a real OpenSearch.)
import type { Client } from '@opensearch-project/opensearch';
import { describe, expect, test } from 'vitest';
import { writeBulk, type IndexOp } from '../../runtime/indexer/bulk-write.js';

type Answer = { status: number; error?: { type: string; reason: string } } | Error;

/** A client whose bulk answers each request with the next list of item answers (or throws the given error). */
function engine(answers: Answer[][] | Array<Answer[] | Error>): { client: Client; bodies: unknown[][] } {
  const bodies: unknown[][] = [];
  let n = 0;
  const client = {
    bulk: async ({ body }: { body: unknown[] }) => {
      bodies.push(body);
      const next = answers[n++]!;
      if (next instanceof Error) throw next;
      return { body: { items: (next as Answer[]).map((a, i) => ({ [Object.keys(body[bodyIndex(body, i)] as object)[0]!]: a })) } };
    },
  } as unknown as Client;
  return { client, bodies };
}

/** Position in the body of the i-th operation's action line (a delete has no document line). */
function bodyIndex(body: unknown[], i: number): number {
  let at = 0;
  for (let k = 0; k < i; k++) at += 'delete' in (body[at] as object) ? 1 : 2;
  return at;
}

const op = (id: string, version: number, document: Record<string, unknown> | null = { id }): IndexOp<string> => ({ id, version, document, ref: id });
const noWait = async (): Promise<boolean> => true;

describe('writeBulk', () => {
  test('versions every operation by its offset, and counts written, deleted, stale and rejected items', async () => {
    const { client, bodies } = engine([
      [{ status: 201 }, { status: 409 }, { status: 200 }, { status: 404 }, { status: 400, error: { type: 'mapper_parsing_exception', reason: 'bad date' } }],
    ]);
    const result = await writeBulk(client, 'users', [op('a', 1), op('b', 2), op('c', 3, null), op('d', 4, null), op('e', 5)], noWait);
    expect(bodies[0]!.slice(0, 2)).toEqual([{ index: { _index: 'users', _id: 'a', version: 1, version_type: 'external' } }, { id: 'a' }]);
    expect(bodies[0]![4]).toEqual({ delete: { _index: 'users', _id: 'c', version: 3, version_type: 'external' } });
    expect(result).toEqual({
      indexed: 1, deleted: 2, stale: 1, requests: 1,
      rejected: [{ op: op('e', 5), status: 400, reason: 'mapper_parsing_exception: bad date' }],
    });
  });

  test('sends items answered 429 or 5xx again, and only those', async () => {
    const { client, bodies } = engine([[{ status: 201 }, { status: 429 }, { status: 503 }], [{ status: 201 }, { status: 201 }]]);
    const waits: number[] = [];
    const result = await writeBulk(client, 'users', [op('a', 1), op('b', 2), op('c', 3)], async (failures) => (waits.push(failures), true));
    expect(result).toMatchObject({ indexed: 3, requests: 2 });
    expect(bodies[1]!.filter((_, i) => i % 2 === 0)).toEqual([
      { index: { _index: 'users', _id: 'b', version: 2, version_type: 'external' } },
      { index: { _index: 'users', _id: 'c', version: 3, version_type: 'external' } },
    ]);
    expect(waits).toEqual([1]);
  });

  test('a request that fails as a whole is sent again until the caller stops waiting', async () => {
    const down = Object.assign(new Error('connect ECONNREFUSED'), { meta: { statusCode: null } });
    const { client } = engine([down, down, [{ status: 201 }]]);
    expect(await writeBulk(client, 'users', [op('a', 1)], noWait)).toMatchObject({ indexed: 1, requests: 3 });
    const stopping = engine([down]);
    expect(await writeBulk(stopping.client, 'users', [op('a', 1)], async () => false)).toBeUndefined();
  });

  test('a missing index, or a request refused as a whole, is an error that names it', async () => {
    const missing = engine([[{ status: 404, error: { type: 'index_not_found_exception', reason: 'no such index [users]' } }]]);
    await expect(writeBulk(missing.client, 'users', [op('a', 1)], noWait)).rejects.toMatchObject({ code: 'INDEX_MISSING' });
    const refused = engine([Object.assign(new Error('Request Entity Too Large'), { meta: { statusCode: 413 } })]);
    await expect(writeBulk(refused.client, 'users', [op('a', 1)], noWait)).rejects.toMatchObject({
      code: 'INDEX_WRITE_FAILED',
      message: "bulk write to index 'users' refused (HTTP 413): Request Entity Too Large",
    });
  });
});

describe('writeBulk: failures', () => {
  const error = (message: string, statusCode?: number) => Object.assign(new Error(message), statusCode === undefined ? {} : { meta: { statusCode } });

  test('a request without an answer, or answered 429 or 500, is sent again; each wait is told the failures so far and why', async () => {
    const { client } = engine([error('fetch failed'), error('Too Many Requests', 429), error('Internal Server Error', 500), [{ status: 201 }]]);
    const waits: unknown[] = [];
    expect(await writeBulk(client, 'users', [op('a', 1)], async (n, cause) => (waits.push([n, cause]), true))).toMatchObject({ indexed: 1, requests: 4 });
    expect(waits).toEqual([[1, 'fetch failed'], [2, 'Too Many Requests'], [3, 'Internal Server Error']]);
  });

  test('a request refused as a whole keeps the engine\'s error as its cause; a missing index says how to refill it', async () => {
    const refused = error('Bad Request', 400);
    await expect(writeBulk(engine([refused]).client, 'users', [op('a', 1)], noWait)).rejects.toMatchObject({ code: 'INDEX_WRITE_FAILED', cause: refused });
    const missing = engine([[{ status: 404, error: { type: 'index_not_found_exception', reason: 'no such index [users]' } }]]);
    await expect(writeBulk(missing.client, 'users', [op('a', 1)], noWait)).rejects.toThrow(
      "index 'users' no longer exists; restart the indexer to create it and refill it from the beginning of the topic",
    );
  });

  test('items answered 500 or 429 are sent again, the wait told how many and the first such answer', async () => {
    const { client } = engine([[{ status: 201 }, { status: 500 }, { status: 429 }], [{ status: 429 }, { status: 503 }], [{ status: 201 }, { status: 201 }]]);
    const waits: unknown[] = [];
    const result = await writeBulk(client, 'users', [op('a', 1), op('b', 2), op('c', 3)], async (n, cause) => (waits.push([n, cause]), true));
    expect(result).toMatchObject({ indexed: 3, requests: 3, rejected: [] });
    expect(waits).toEqual([[1, '2 item(s) answered 500'], [2, '2 item(s) answered 429']]);
  });

  test('a 404 is a delete of nothing only for a delete; any other answer is a rejection with the engine\'s reason', async () => {
    const { client } = engine([[
      { status: 404 },
      { status: 400, error: { type: 'routing_missing_exception', reason: 'routing is required' } },
      { status: 400, error: { type: 'mapper_parsing_exception', reason: 'failed to parse field [age]', caused_by: { type: 'number_format_exception', reason: 'For input string: "x"' } } as never },
    ]]);
    const result = await writeBulk(client, 'users', [op('a', 1), op('b', 2, null), op('c', 3)], noWait);
    expect(result).toMatchObject({ indexed: 0, deleted: 0 });
    expect(result!.rejected.map((r) => [r.op.id, r.status, r.reason])).toEqual([
      ['a', 404, 'HTTP 404'],
      ['b', 400, 'routing_missing_exception: routing is required'],
      ['c', 400, 'mapper_parsing_exception: failed to parse field [age] (number_format_exception: For input string: "x")'],
    ]);
  });
});
