/**
 * An in-process stand-in for the part of the OpenSearch client the indexer uses (unit tests only; test/search runs
 * against a real OpenSearch): indices with their settings, mappings and documents, and a bulk endpoint that applies
 * external versions as the engine does (a write whose version is not above the document's is answered 409).
 */
import type { Client } from '@opensearch-project/opensearch';

interface Stored { version: number; source: Record<string, unknown> }
interface Index { settings: unknown; mappings: Record<string, unknown>; docs: Map<string, Stored> }
type Item = { status: number; result?: string; error?: { type: string; reason: string } };
type Meta = { _index: string; _id: string; version: number; version_type: string };

/** An error as the client throws it for an HTTP answer (or, with `status` null, for no answer). */
export function responseError(message: string, status: number | null, type?: string): Error {
  return Object.assign(new Error(message), { meta: { statusCode: status, body: type ? { error: { type, reason: message } } : undefined } });
}

export class FakeSearch {
  readonly indices = new Map<string, Index>();
  /** Every call, as `method index`. */
  readonly calls: string[] = [];
  /** Errors the next bulk requests throw, one each. */
  readonly bulkFailures: Error[] = [];
  /** An item's answer instead of applying it (undefined: apply it). */
  answer: ((id: string, document: Record<string, unknown> | null) => Item | undefined) | undefined;
  /** The error the next create throws. */
  createError: Error | undefined;
  /** What cluster health answers. */
  health = 'green';
  /** Called at each bulk request, before it answers. */
  onBulk: (() => void | Promise<void>) | undefined;

  docs(index: string): Record<string, Stored> {
    return Object.fromEntries(this.indices.get(index)?.docs ?? []);
  }

  asClient(): Client {
    const indices = {
      exists: async ({ index }: { index: string }) => (this.calls.push(`exists ${index}`), { body: this.indices.has(index) }),
      create: async ({ index, body }: { index: string; body: { settings: unknown; mappings: Record<string, unknown> } }) => {
        this.calls.push(`create ${index}`);
        const error = this.createError;
        this.createError = undefined;
        if (error) throw error;
        this.indices.set(index, { settings: body.settings, mappings: structuredClone(body.mappings), docs: new Map() });
        return { body: { acknowledged: true } };
      },
      getMapping: async ({ index }: { index: string }) => {
        this.calls.push(`getMapping ${index}`);
        return { body: { [index]: { mappings: structuredClone(this.indices.get(index)!.mappings) } } };
      },
      putMapping: async ({ index, body }: { index: string; body: { properties: Record<string, unknown> } }) => {
        this.calls.push(`putMapping ${index}`);
        const m = this.indices.get(index)!.mappings as { properties: Record<string, unknown> };
        m.properties = { ...body.properties, ...m.properties };
        return { body: { acknowledged: true } };
      },
    };
    const cluster = {
      health: async ({ index, timeout }: { index: string; timeout: string }) => (this.calls.push(`health ${index} ${timeout}`), { body: { status: this.health } }),
    };
    const bulk = async ({ body }: { body: Array<Record<string, unknown>> }) => {
      this.calls.push('bulk');
      await this.onBulk?.();
      const failure = this.bulkFailures.shift();
      if (failure) throw failure;
      const items: Array<Record<string, Item>> = [];
      for (let i = 0; i < body.length; i++) {
        const action = Object.keys(body[i]!)[0] as 'index' | 'delete';
        const meta = body[i]![action] as Meta;
        const document = action === 'index' ? (body[++i] as Record<string, unknown>) : null;
        items.push({ [action]: this.answer?.(meta._id, document) ?? this.apply(meta, document) });
      }
      return { body: { errors: false, items } };
    };
    return { indices, cluster, bulk } as unknown as Client;
  }

  private apply(meta: Meta, document: Record<string, unknown> | null): Item {
    const index = this.indices.get(meta._index);
    if (!index) return { status: 404, error: { type: 'index_not_found_exception', reason: `no such index [${meta._index}]` } };
    const had = index.docs.get(meta._id);
    if (had && had.version >= meta.version) return { status: 409, error: { type: 'version_conflict_engine_exception', reason: 'version conflict' } };
    if (document === null) {
      if (!had) return { status: 404, result: 'not_found' };
      index.docs.delete(meta._id);
      return { status: 200, result: 'deleted' };
    }
    index.docs.set(meta._id, { version: meta.version, source: document });
    return { status: had ? 200 : 201, result: had ? 'updated' : 'created' };
  }
}
