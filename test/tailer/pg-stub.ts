/**
 * Stand-ins for the tailer's unit tests (test/tailer/tailer*.test.ts). pg.Client's methods answer the catalog queries
 * of a `Db`; the replication stream runs pg-logical-replication's own code (its flow control, keepalives and
 * acknowledgements) over the client's pg Connection, whose CopyData messages the test emits as pg would on reading
 * them from the socket. Only the pgoutput decoding is stubbed: a message carries the index of the object the parser
 * answers. What PostgreSQL is told (acknowledgements) is read back from the bytes sent on the connection.
 */
import { LogicalReplicationService, PgoutputPlugin } from 'pg-logical-replication';
import pg from 'pg';
import { vi } from 'vitest';
import { createCodec, createSchemaRegistry, type Topic } from '../../runtime/index.js';
import { defineTailer, type TailerDefinition } from '../../runtime/tailer/definition.js';
import { createTailer, type TailerOptions } from '../../runtime/tailer/tailer.js';
import { defineTopic } from '../../runtime/topic.js';
import { FakeKafka } from '../runtime/fake-kafka.js';
import { FakeRegistry } from '../runtime/fake-registry.js';

interface Item { id: string; qty: number }
export const topic = defineTopic({
  name: 'items',
  key: createCodec<string>('string'),
  value: createCodec<Item>({ type: 'record', name: 'Item', fields: [{ name: 'id', type: 'string' }, { name: 'qty', type: 'int' }] }),
  visibility: 'shared', owner: 'o', partitions: 1, cleanupPolicy: 'compact', compatibility: 'BACKWARD',
});
export const def = defineTailer(topic, {
  name: 'items', table: { schema: 'public', name: 'items' }, shape: 'row',
  key: [{ field: [], column: 'id', type: 'text', notNull: true, nullable: false, target: { kind: 'string' } }],
  value: [
    { field: ['id'], column: 'id', type: 'text', notNull: true, nullable: false, target: { kind: 'string' } },
    { field: ['qty'], column: 'qty', type: 'integer', notNull: true, nullable: false, target: { kind: 'int' } },
  ],
});

export interface Db {
  columns?: Array<{ name: string; type: string; not_null: boolean }>;
  /** The process reading the slot, per look (a standby looks again until it is free). */
  activePid?: () => number | null;
  /** The slot's confirmed_flush_lsn (default 0/100). */
  confirmedFlush?: string | null;
  /** PostgreSQL's error creating the slot (another process created it first). */
  createError?: { code: string };
  /** The snapshot query fails. */
  fetchError?: Error;
  /** Called at each snapshot FETCH, before it answers. */
  onFetch?: () => void | Promise<void>;
  /** The slot: none, one whose snapshot completed (the default), or one a tailer killed mid-snapshot left. */
  slot?: 'none' | 'complete' | 'unmarked';
  /** The table's rows, for a snapshot. */
  rows?: Array<Record<string, unknown>>;
  /**
   * How START_REPLICATION answers, per stream (0 = the first): 'start' (the default: the stream starts), an error
   * before it starts, or 'end' (the command completes without a stream).
   */
  stream?: (n: number) => 'start' | 'end' | Error;
}

/** A START_REPLICATION command in progress: the test can end the stream or fail it, as the server would. */
export interface Stream {
  readonly sql: string;
  readonly connection: pg.Connection & NodeJS.EventEmitter;
  end(): void;
  fail(error: Error): void;
}

/** pg.Client answering the catalog queries of `db`; replication streams the test feeds. */
export function stubPostgres(db: Db = {}) {
  const acks: string[] = [];
  const services: LogicalReplicationService[] = [];
  const statements: string[] = [];
  const calls: Array<{ sql: string; params: unknown[] | undefined }> = [];
  const streams: Array<Stream & { client: pg.Client }> = [];
  const parsed: unknown[] = [];
  let fetched = false;
  vi.spyOn(pg.Client.prototype, 'connect').mockResolvedValue(undefined as never);
  // Ending a replication connection ends its stream as the server's close does ("Connection terminated").
  vi.spyOn(pg.Client.prototype, 'end').mockImplementation(async function (this: pg.Client) {
    for (const s of streams) if (s.client === this) s.fail(new Error('Connection terminated'));
  } as never);
  vi.spyOn(pg.Client.prototype, 'query').mockImplementation((async function (this: pg.Client, sql: string, params?: unknown[]) {
    const rows = (r: unknown[]) => ({ rows: r, rowCount: r.length });
    statements.push(sql.replace(/\s+/g, ' '));
    calls.push({ sql, params });
    const slot = db.slot ?? 'complete';
    if (sql.startsWith('START_REPLICATION')) return startReplication(this, sql);
    if (sql.startsWith('CREATE_REPLICATION_SLOT') && db.createError) throw Object.assign(new Error('slot exists'), db.createError);
    if (sql.startsWith('FETCH')) await db.onFetch?.();
    if (sql.startsWith('FETCH') && db.fetchError) throw db.fetchError;
    if (sql.startsWith('DROP_REPLICATION_SLOT')) return rows([]);
    if (sql.includes('pg_wal_lsn_diff')) return rows([{ lag: '4096' }]);
    if (sql.startsWith('CREATE_REPLICATION_SLOT')) return rows([{ consistent_point: '0/300', snapshot_name: "0000'3" }]);
    if (sql.startsWith('FETCH')) return rows(fetched ? [] : ((fetched = true), db.rows ?? []));
    if (/^(BEGIN|SET TRANSACTION|DECLARE|COMMIT|COMMENT ON|SELECT pg_drop_replication_slot\(\$1\))/.test(sql)) return rows([]);
    if (sql.includes('FROM pg_class')) return rows([{ oid: 1, replident: 'f' }]);
    if (sql.includes('FROM pg_attribute')) return rows(db.columns ?? [{ name: 'id', type: 'text', not_null: true }, { name: 'qty', type: 'integer', not_null: true }]);
    if (sql.includes('FROM pg_publication_tables')) return rows([{ has: true }]);
    if (sql.includes('current_database() AS db')) return rows([{ db: 'shop' }]);
    if (sql.includes('FROM pg_replication_slots') && slot === 'none') return rows([]);
    if (sql.includes("obj_description(oid, 'pg_publication')") && slot === 'unmarked') return rows([{ comment: null }]);
    if (sql.includes('FROM pg_replication_slots')) {
      const lsn = db.confirmedFlush === undefined ? '0/100' : db.confirmedFlush;
      return rows([{ confirmed_flush_lsn: lsn, active_pid: db.activePid?.() ?? null, plugin: 'pgoutput', database: 'shop', here: 'shop' }]);
    }
    if (sql.includes("obj_description(oid, 'pg_publication')")) return rows([{ comment: 'unilog: the snapshot of slot unilog_items is complete' }]);
    throw new Error(`unexpected query ${sql}`);
  }) as never);

  function startReplication(client: pg.Client, sql: string): Promise<unknown> {
    const answer = db.stream?.(streams.length) ?? 'start';
    const connection = (client as unknown as { connection: Stream['connection'] }).connection;
    return new Promise((resolve, reject) => {
      streams.push({ client, sql, connection, end: () => resolve({ rows: [] }), fail: reject });
      if (answer === 'end') resolve({ rows: [] });
      else if (answer instanceof Error) reject(answer);
      else setTimeout(() => connection.emit('replicationStart'), 0);
    });
  }

  const subscribe = LogicalReplicationService.prototype.subscribe;
  vi.spyOn(LogicalReplicationService.prototype, 'subscribe').mockImplementation(function (this: LogicalReplicationService, ...args: Parameters<typeof subscribe>) {
    services.push(this);
    return subscribe.apply(this, args);
  } as never);
  vi.spyOn(PgoutputPlugin.prototype, 'parse').mockImplementation((buffer: Buffer) => parsed[buffer.readUInt32BE(0)] as never);
  // A standby status update: the position written + 1, three times, a timestamp and the reply flag.
  // (pg's types do not declare sendCopyFromChunk, which pg-logical-replication calls.)
  const connection = pg.Connection.prototype as unknown as { sendCopyFromChunk(chunk: Buffer): void };
  vi.spyOn(connection, 'sendCopyFromChunk').mockImplementation((chunk: Buffer) => {
    if (chunk[0] === 0x72) acks.push(formatLsn((BigInt(chunk.readUInt32BE(1)) << 32n) + BigInt(chunk.readUInt32BE(5)) - 1n));
  });

  /** Emits pgoutput messages (XLogData) on the current stream, as pg would on reading them. */
  const emit = (...messages: Array<[string, unknown]>): void => {
    const stream = streams.at(-1)!;
    for (const [lsn, m] of messages) {
      const chunk = Buffer.alloc(29);
      chunk[0] = 0x77;
      chunk.writeBigUInt64BE(parseLsn(lsn), 1);
      chunk.writeUInt32BE(parsed.push(m) - 1, 25);
      stream.connection.emit('copyData', { chunk });
    }
  };
  /** A primary keepalive at `lsn`; `reply`: the server asks for an answer now. */
  const keepalive = (lsn: string, reply: boolean): void => {
    const chunk = Buffer.alloc(18);
    chunk[0] = 0x6b;
    chunk.writeBigUInt64BE(parseLsn(lsn), 1);
    chunk.writeInt8(reply ? 1 : 0, 17);
    streams.at(-1)!.connection.emit('copyData', { chunk });
  };
  return { acks, services, statements, calls, streams, emit, keepalive };
}

function parseLsn(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

function formatLsn(n: bigint): string {
  return `${(n >> 32n).toString(16).toUpperCase()}/${(n & 0xffffffffn).toString(16).toUpperCase()}`;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (up to 5 s) for `cond`. */
export async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !cond(); i++) await sleep(5);
  if (!cond()) throw new Error('condition never held');
}

/** A tailer over the stubs, not started. */
export function tailerOn<K, KI, V, VI>(db: Db = {}, options: Partial<TailerOptions> = {}, definition: TailerDefinition<K, KI, V, VI> = def as never) {
  const pgStub = stubPostgres(db);
  const kafka = new FakeKafka();
  const fake = new FakeRegistry();
  const registry = createSchemaRegistry({ url: fake.base, fetch: fake.fetch });
  const tailer = createTailer(definition, { connection: {}, kafka: kafka.asKafka(), registry, ...options });
  const sentTo = (t: string) => kafka.producers.flatMap((p) => p.sent).filter((s) => s.topic === t).flatMap((s) => s.messages);
  /** Key and value of every record written to `t` (default: the tailer's topic), decoded. */
  const values = (t: Topic<unknown, unknown, unknown, unknown> = definition.topic as never) => {
    const serdes = registry.topicSerdes(t);
    return sentTo(t.name).map((m) => [serdes.key.decode(m.key as Buffer), m.value === null ? null : serdes.value.decode(m.value as Buffer)]);
  };
  /** Emits pgoutput messages and gives the tailer a moment to handle them. */
  const feed = async (...messages: Array<[string, unknown]>) => {
    pgStub.emit(...messages);
    await sleep(5);
  };
  return { ...pgStub, kafka, registry, tailer, feed, sentTo, values };
}

/** A started tailer over the stubs. */
export async function started(db: Db = {}, snapshotFetchRows?: number, options: Partial<TailerOptions> = {}) {
  const t = tailerOn(db, { snapshotFetchRows, ...options });
  await t.tailer.start();
  return t;
}

export const begin = (xid: number, commitTime = 1_700_000_000_000_000n): [string, unknown] => ['0/150', { tag: 'begin', xid, commitTime }];
export const insert = (lsn: string, id: string, qty: unknown): [string, unknown] => [lsn, { tag: 'insert', new: { id, qty } }];
export const commit = (end: string): [string, unknown] => [end, { tag: 'commit', commitEndLsn: end }];

/** A gate on every send of the producers there are: sends wait until `open()`; `calls` counts messages per send. */
export function holdSends(kafka: FakeKafka): { open: () => void; calls: number[] } {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const calls: number[] = [];
  for (const p of kafka.producers) {
    const send = p.send.bind(p);
    p.send = async (r) => (calls.push(r.messages.length), await gate, send(r));
  }
  return { open, calls };
}
