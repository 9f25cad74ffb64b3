/**
 * One bulk request per consumed batch, each document versioned by its record's Kafka offset (`version_type:
 * external`): the engine keeps a write only if its offset is higher than the one the document has, so a replay or a
 * redelivery after a crash cannot put an older version back. What each item's answer means:
 *
 * | answer | meaning | outcome |
 * | --- | --- | --- |
 * | 200, 201 | written or deleted | done |
 * | 409 | the document already has this or a later offset (a replay, a redelivery) | done (`stale`) |
 * | 404 on a delete | there was nothing to delete | done |
 * | 404 `index_not_found_exception` | the index was deleted under the indexer | `INDEX_MISSING` thrown |
 * | 429, 5xx | the engine is busy or failing | sent again after a backoff |
 * | any other (400) | the engine refuses the document (mapping, size) | `rejected`: the caller dead-letters it |
 *
 * A failed request as a whole (connection, timeout, 429, 5xx) is also sent again after a backoff, for as long as the
 * caller's `wait` lets it: an engine outage stalls the indexer (its lag grows) rather than losing documents.
 */
import type { Client } from '@opensearch-project/opensearch';
import { UnilogError, messageOf } from '../errors.js';
import { errorType } from './ensure-index.js';

export interface IndexOp<T> {
  readonly id: string;
  /** The record's offset. */
  readonly version: number;
  /** null deletes the document (a tombstone). */
  readonly document: Record<string, unknown> | null;
  /** The caller's handle on the record, given back with a rejection. */
  readonly ref: T;
}

export interface Rejection<T> {
  readonly op: IndexOp<T>;
  readonly status: number;
  /** The engine's reason, e.g. `mapper_parsing_exception: failed to parse field [user.createdAt]…`. */
  readonly reason: string;
}

export interface BulkResult<T> {
  readonly indexed: number;
  readonly deleted: number;
  /** Answered 409: the index already held this or a later offset of the document. */
  readonly stale: number;
  readonly rejected: readonly Rejection<T>[];
  /** Requests sent, the first included. */
  readonly requests: number;
}

/** Waits before sending again after the `failures`-th failure; false: the caller is stopping, give up. */
export type RetryWait = (failures: number, cause: string) => Promise<boolean>;

interface ItemAnswer {
  readonly status: number;
  readonly result?: string;
  readonly error?: { readonly type?: string; readonly reason?: string; readonly caused_by?: { readonly type?: string; readonly reason?: string } };
}

export async function writeBulk<T>(client: Client, index: string, ops: readonly IndexOp<T>[], wait: RetryWait): Promise<BulkResult<T> | undefined> {
  let pending = ops;
  let indexed = 0;
  let deleted = 0;
  let stale = 0;
  let requests = 0;
  const rejected: Rejection<T>[] = [];
  for (let failures = 0; pending.length > 0; ) {
    requests++;
    let items: ItemAnswer[];
    try {
      const res = await client.bulk({ body: bodyOf(index, pending) });
      items = res.body.items.map((entry) => Object.values(entry)[0] as ItemAnswer);
    } catch (error) {
      const status = (error as { meta?: { statusCode?: number | null } }).meta?.statusCode;
      if (typeof status === 'number' && status < 500 && status !== 429) {
        throw new UnilogError('INDEX_WRITE_FAILED', `bulk write to index '${index}' refused (HTTP ${status}): ${messageOf(error)}`, { cause: error });
      }
      if (!(await wait(++failures, messageOf(error)))) return undefined;
      continue;
    }
    const again: IndexOp<T>[] = [];
    items.forEach((item, i) => {
      const op = pending[i]!;
      if (item.status === 200 || item.status === 201) {
        if (op.document === null) deleted++;
        else indexed++;
      } else if (item.status === 409) stale++;
      else if (item.status === 404 && item.error?.type === 'index_not_found_exception') {
        throw new UnilogError('INDEX_MISSING', `index '${index}' no longer exists; restart the indexer to create it and refill it from the beginning of the topic`);
      } else if (item.status === 404 && op.document === null) deleted++;
      else if (item.status === 429 || item.status >= 500) again.push(op);
      else rejected.push({ op, status: item.status, reason: reasonOf(item) });
    });
    if (again.length && !(await wait(++failures, `${again.length} item(s) answered ${items.find((i) => i.status === 429 || i.status >= 500)?.status}`))) return undefined;
    pending = again;
  }
  return { indexed, deleted, stale, rejected, requests };
}

function bodyOf<T>(index: string, ops: readonly IndexOp<T>[]): Record<string, unknown>[] {
  const body: Record<string, unknown>[] = [];
  for (const op of ops) {
    const meta = { _index: index, _id: op.id, version: op.version, version_type: 'external' };
    if (op.document === null) body.push({ delete: meta });
    else body.push({ index: meta }, op.document);
  }
  return body;
}

function reasonOf(item: ItemAnswer): string {
  const e = item.error;
  if (!e) return `HTTP ${item.status}`;
  const cause = e.caused_by ? ` (${e.caused_by.type}: ${e.caused_by.reason})` : '';
  return `${e.type}: ${e.reason}${cause}`;
}
