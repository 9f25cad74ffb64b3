/**
 * The tailer: one table's changes, from a PostgreSQL logical replication slot (pgoutput), into its catalog topic.
 *
 * Delivery is at least once. A slot's position is confirmed to PostgreSQL only after Kafka acknowledged every record
 * of every transaction up to it (through the typed producer, whose sends resolve only when every partition written
 * was acknowledged), so a restart resumes at the first transaction not known to be written: nothing is lost, and what
 * was written after the last confirmation is written again. pg-logical-replication runs with `acknowledge: {auto:
 * false, timeoutSeconds: 0}` (its defaults confirm what was received, not what was written), and any failure stops the
 * tailer: after a failure nothing more is handled or confirmed.
 *
 * A new slot starts with a snapshot: the slot is created with EXPORT_SNAPSHOT and the table is read in that snapshot,
 * so the snapshot and the stream after the slot's consistent point together hold every row exactly once (as
 * Debezium does). What a change becomes in the topic is its shape's (shapes.ts): the row, or Debezium's envelope.
 */
import type { Kafka, Message, Producer } from 'kafkajs';
import { LogicalReplicationService, PgoutputPlugin, type Pgoutput } from 'pg-logical-replication';
import pg from 'pg';
import { messageOf, UnilogError } from '../errors.js';
import { pinningPartitioner, sendAcknowledged } from '../kafka/acknowledged-send.js';
import { ensureTopics } from '../kafka/admin.js';
import { deadLetterTopicOf } from '../kafka/dead-letter.js';
import { JavaCompatiblePartitioner } from '../kafka/partition.js';
import { createProducer, type ProducerRecord, type TypedProducer } from '../kafka/producer.js';
import type { SchemaRegistry } from '../registry/index.js';
import { defineTopic } from '../topic.js';
import { UnmappableValue, type Row } from './convert.js';
import { shapeOf, type ChangeSource, type Shape } from './shapes.js';
import { columnsOf, type TailerDefinition } from './definition.js';
import { deadLetterMessage } from './dead-letter-row.js';
import { formatLsn, parseLsn } from './lsn.js';
import { defaultSlotName, ensurePublication, markSnapshot, quoteIdent, slotLagBytes, slotState, snapshotComplete, tableIdent } from './slot.js';
import { tableProblems } from './table-check.js';

export interface TailerOptions {
  /** The database, as a user with the REPLICATION attribute (and SELECT on the table). */
  readonly connection: pg.ClientConfig;
  readonly kafka: Kafka;
  readonly registry: SchemaRegistry;
  /** Default `unilog_<tailer name>` (`-` as `_`). */
  readonly slot?: string;
  /** Default: the slot's name. */
  readonly publication?: string;
  /** Put before the topic's name (and the default dead-letter topic's), as a service's `kafka.topicPrefix`. */
  readonly topicPrefix?: string;
  /** Default `<topic>.dlq`. */
  readonly deadLetterTopic?: string;
  /** Records of committed transactions held before the stream is paused, default 10,000. */
  readonly maxBufferedRecords?: number;
  /** How long sends that fail with a retriable error (Kafka unreachable) are retried before the tailer stops, default 300,000 ms. */
  readonly maxOutageMs?: number;
  /**
   * Wait while another process reads the slot, and take over when it is free (a standby instance), instead of
   * failing with TAILER_SLOT_IN_USE. `start()` resolves once this instance streams.
   */
  readonly standby?: boolean;
  /** How often a standby looks at the slot, default 1,000 ms. */
  readonly standbyPollMs?: number;
  /** Rows read per snapshot query, default 2,000. */
  readonly snapshotFetchRows?: number;
}

export type TailerPhase = 'idle' | 'standby' | 'snapshot' | 'streaming' | 'stopped' | 'failed';

export interface TailerStats {
  readonly phase: TailerPhase;
  readonly snapshotRows: number;
  readonly changes: number;
  readonly deadLetters: number;
  /** The position confirmed to PostgreSQL: at start the slot's, then the end of the last acknowledged transaction. */
  readonly confirmedLsn: string | undefined;
  readonly error?: string;
}

export interface Tailer {
  readonly name: string;
  readonly slot: string;
  /** Checks the table, sets up the publication and slot, snapshots a new slot; resolves when streaming. */
  start(): Promise<void>;
  /** Stops reading; what Kafka acknowledged is confirmed, the rest is read again at the next start. */
  stop(): Promise<void>;
  /** Settles when the tailer stops: rejects with the failure that stopped it. */
  readonly done: Promise<void>;
  stats(): TailerStats;
  /** Bytes of WAL since the slot's confirmed position. */
  lagBytes(): Promise<number | undefined>;
}

/** A committed transaction's records, waiting for Kafka. */
interface Committed {
  readonly records: ProducerRecord<unknown, unknown>[];
  readonly dead: Message[];
  readonly lsn: bigint;
}

class PgTailer implements Tailer {
  readonly name: string;
  readonly slot: string;
  private readonly publication: string;
  private producer: TypedProducer<unknown, unknown>;
  private readonly deadTopic: string;
  private deadProducer: Producer;
  /** The dead-letter producer's connection (a renewed one connects in the background; its send waits for it). */
  private deadConnected: Promise<void> = Promise.resolve();
  private admin: pg.Client | undefined;
  private service: LogicalReplicationService | undefined;
  private phase: TailerPhase = 'idle';
  private error: unknown;
  private snapshotRows = 0;
  private changes = 0;
  private deadLetters = 0;
  private confirmed: bigint | undefined;
  private readonly shape: Shape;
  private database = '';
  private snapshotStartMs = 0;
  private txSource: { txId: number | null; commitMs: number } = { txId: null, commitMs: 0 };
  /** The open transaction's records (sent only once it commits). */
  private txn: Committed = { records: [], dead: [], lsn: 0n };
  private readonly queue: Committed[] = [];
  private queued = 0;
  private wake: (() => void) | undefined;
  private spaceWaiters: Array<() => void> = [];
  private flushing: Promise<void> | undefined;
  private settle!: { resolve: () => void; reject: (e: unknown) => void };
  readonly done: Promise<void>;

  private readonly def: TailerDefinition;

  constructor(
    definition: TailerDefinition,
    private readonly options: TailerOptions,
  ) {
    const prefix = options.topicPrefix ?? '';
    this.def = prefix ? { ...definition, topic: defineTopic({ ...definition.topic, name: `${prefix}${definition.topic.name}` }) } : definition;
    const def = this.def;
    this.name = def.name;
    this.shape = shapeOf(def);
    this.slot = options.slot ?? defaultSlotName(def);
    this.publication = options.publication ?? this.slot;
    this.producer = this.newProducer();
    this.deadTopic = options.deadLetterTopic ?? deadLetterTopicOf(def.topic.name);
    this.deadProducer = this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: pinningPartitioner(JavaCompatiblePartitioner) });
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    this.done.catch(() => undefined); // observed through stats() and by whoever awaits it
  }

  stats(): TailerStats {
    return {
      phase: this.phase,
      snapshotRows: this.snapshotRows,
      changes: this.changes,
      deadLetters: this.deadLetters,
      confirmedLsn: this.confirmed === undefined ? undefined : formatLsn(this.confirmed),
      ...(this.error === undefined ? {} : { error: messageOf(this.error) }),
    };
  }

  async lagBytes(): Promise<number | undefined> {
    return this.admin ? slotLagBytes(this.admin, this.slot) : undefined;
  }

  async start(): Promise<void> {
    try {
      this.admin = new pg.Client(this.options.connection);
      await this.admin.connect();
      const problems = await tableProblems(this.admin, this.def);
      if (problems.length > 0) {
        throw new UnilogError('TAILER_TABLE_MISMATCH', `tailer ${this.name}: the table does not match the mapping (${problems.length} problem(s)):\n  ${problems.join('\n  ')}`);
      }
      await ensurePublication(this.admin, this.def, this.publication);
      this.database = (await this.admin.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
      this.deadConnected = this.deadProducer.connect();
      await Promise.all([this.producer.connect(), this.deadConnected]);
      await ensureTopics(this.options.kafka, [{ name: this.deadTopic, partitions: this.def.topic.partitions, cleanupPolicy: 'delete' }]);
      // One slot is one stream: while another process reads it, a standby waits and takes over when it is free.
      for (;;) {
        const from = await this.claimSlot();
        if (from !== undefined) {
          this.confirmed = from;
          this.flushing ??= this.flushLoop();
          if (await this.stream(from)) break;
        }
        if (!this.options.standby) throw new UnilogError('TAILER_SLOT_IN_USE', `replication slot ${this.slot} is read by another process: one slot is one stream (start with standby to wait for it)`);
        this.phase = 'standby';
        await new Promise((r) => setTimeout(r, this.options.standbyPollMs ?? 1000));
        if (this.phase !== 'standby') return; // stopped while waiting
      }
      this.phase = 'streaming';
    } catch (error) {
      await this.fail(error);
      throw error;
    }
  }

  /**
   * The position to stream from: the slot's confirmed one, or the end of the snapshot of a new slot; undefined while
   * another process holds the slot (or created it first).
   */
  private async claimSlot(): Promise<bigint | undefined> {
    const state = await slotState(this.admin!, this.slot);
    if (state?.activePid) return undefined;
    try {
      if (state && (await snapshotComplete(this.admin!, this.publication, this.slot))) return parseLsn(state.confirmedFlushLsn ?? '0/0');
      // A slot without the mark was left by a tailer killed during its snapshot: streaming from it would miss the rows
      // the snapshot had not written yet.
      if (state) await this.admin!.query('SELECT pg_drop_replication_slot($1)', [this.slot]);
      return await this.snapshot();
    } catch (error) {
      if (slotBusy(error)) return undefined;
      throw error;
    }
  }

  /** Creates the slot, exporting its snapshot, and writes every row of the table as of that snapshot. */
  private async snapshot(): Promise<bigint> {
    this.phase = 'snapshot';
    const repl = new pg.Client({ ...this.options.connection, replication: 'database' } as pg.ClientConfig);
    const reader = new pg.Client(this.options.connection);
    await markSnapshot(this.admin!, this.publication, undefined);
    await repl.connect();
    let created: pg.QueryResult<{ consistent_point: string; snapshot_name: string }> | undefined;
    try {
      created = await repl.query<{ consistent_point: string; snapshot_name: string }>(`CREATE_REPLICATION_SLOT ${quoteIdent(this.slot)} LOGICAL pgoutput EXPORT_SNAPSHOT`);
      const { consistent_point, snapshot_name } = created.rows[0]!;
      const consistent = parseLsn(consistent_point);
      this.snapshotStartMs = Date.now();
      await reader.connect();
      await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await reader.query(`SET TRANSACTION SNAPSHOT '${snapshot_name.replace(/'/g, "''")}'`);
      const columns = columnsOf(this.def).map((c) => quoteIdent(c.column)).join(', ');
      await reader.query(`DECLARE unilog_snapshot NO SCROLL CURSOR FOR SELECT ${columns} FROM ${tableIdent(this.def)}`);
      const fetch = this.options.snapshotFetchRows ?? 2000;
      for (;;) {
        const { rows } = await reader.query<Row>(`FETCH ${fetch} FROM unilog_snapshot`);
        if (rows.length === 0) break;
        const batch: Committed = { records: [], dead: [], lsn: 0n };
        for (const row of rows) this.apply(batch, row, (src) => this.shape.insert(row, src, true), consistent, true);
        await this.send(batch);
        this.snapshotRows += rows.length;
      }
      await reader.query('COMMIT');
      await markSnapshot(this.admin!, this.publication, this.slot);
      return consistent;
    } catch (error) {
      // A slot without its snapshot would stream only later changes: drop it (if this call created it), so the next
      // start snapshots again.
      if (created) await repl.query(`DROP_REPLICATION_SLOT ${quoteIdent(this.slot)}`).catch(() => undefined);
      throw error;
    } finally {
      await reader.end().catch(() => undefined);
      await repl.end().catch(() => undefined);
    }
  }

  /** Streams from `from`; resolves true once streaming, false when another process took the slot first. */
  private async stream(from: bigint): Promise<boolean> {
    const service = new LogicalReplicationService(this.options.connection, { acknowledge: { auto: false, timeoutSeconds: 0 }, flowControl: { enabled: true } });
    this.service = service;
    let started = false;
    service.on('data', (lsn: string, message: Pgoutput.Message) => this.onMessage(lsn, message));
    service.on('heartbeat', (_lsn: string, _ts: number, shouldRespond: boolean) => {
      // Answer with what Kafka acknowledged, never with what was received.
      if (shouldRespond && this.confirmed !== undefined && !this.error) void service.acknowledge(formatLsn(this.confirmed));
    });
    // Before the stream starts, a failure is the subscribe's to report (below).
    service.on('error', (error: Error) => void (started && this.fail(error)));
    const plugin = new PgoutputPlugin({ protoVersion: 1, publicationNames: [this.publication] });
    return new Promise<boolean>((resolve, reject) => {
      service.once('start', () => {
        started = true;
        resolve(true);
      });
      service.subscribe(plugin, this.slot, formatLsn(from)).then(
        () => (started ? this.fail(new UnilogError('TAILER_STOPPED', `tailer ${this.name}: the replication stream ended`)) : void service.destroy().then(() => resolve(false))),
        (error: unknown) => (started ? this.fail(error) : slotBusy(error) ? void service.destroy().then(() => resolve(false)) : reject(error)),
      );
    });
  }

  /** Called in stream order, one message at a time (flow control): a transaction's records are queued at its commit. */
  private async onMessage(lsn: string, message: Pgoutput.Message): Promise<void> {
    if (this.error !== undefined) return;
    try {
      switch (message.tag) {
        case 'begin':
          this.txn = { records: [], dead: [], lsn: 0n };
          this.txSource = { txId: message.xid, commitMs: Number(BigInt(message.commitTime as bigint) / 1000n) };
          return;
        case 'insert':
          this.changes++;
          return this.apply(this.txn, message.new, (s) => this.shape.insert(message.new, s, false), lsn);
        case 'update':
          this.changes++;
          return this.apply(this.txn, message.new, (s) => this.shape.update(message.old ?? message.key, message.new, s), lsn);
        case 'delete': {
          this.changes++;
          const old = (message.old ?? message.key)!;
          return this.apply(this.txn, old, (s) => this.shape.delete(old, s), lsn);
        }
        case 'truncate':
          throw new UnilogError('TAILER_STOPPED', `tailer ${this.name}: ${this.def.table.schema}.${this.def.table.name} was truncated; a truncate has no rows to write as tombstones (re-create the slot to snapshot again)`);
        case 'commit': {
          const committed = { ...this.txn, lsn: parseLsn(message.commitEndLsn!) };
          this.txn = { records: [], dead: [], lsn: 0n };
          this.queue.push(committed);
          this.queued += committed.records.length + committed.dead.length;
          this.wake?.();
          // Backpressure: while Kafka is behind, the stream waits (flow control pauses the socket).
          while (this.queued > (this.options.maxBufferedRecords ?? 10_000) && this.error === undefined) await new Promise<void>((r) => this.spaceWaiters.push(r));
          return;
        }
        default:
          return;
      }
    } catch (error) {
      await this.fail(error);
    }
  }

  /** The records of one change, or its dead letter when a value cannot be converted. */
  private apply(into: Committed, row: Row, records: (source: ChangeSource) => ProducerRecord<unknown, unknown>[], lsn: string | bigint, snapshot = false): void {
    const source: ChangeSource = {
      lsn: typeof lsn === 'bigint' ? lsn : parseLsn(lsn),
      txId: snapshot ? null : this.txSource.txId,
      commitMs: snapshot ? this.snapshotStartMs : this.txSource.commitMs,
      snapshot: snapshot ? 'true' : 'false',
      database: this.database,
    };
    try {
      into.records.push(...records(source));
    } catch (error) {
      if (!(error instanceof UnmappableValue)) throw error;
      into.dead.push(this.deadLetter(row, error));
    }
  }

  private deadLetter(row: Row, error: UnmappableValue): Message {
    this.deadLetters++;
    return deadLetterMessage(this.def, row, error);
  }

  /** Sends queued transactions in order, then confirms the last one's end to PostgreSQL. */
  private async flushLoop(): Promise<void> {
    while (this.error === undefined && this.phase !== 'stopped') {
      if (this.queue.length === 0) {
        await new Promise<void>((r) => (this.wake = r));
        this.wake = undefined;
        continue;
      }
      const batch: Committed = { records: [], dead: [], lsn: 0n };
      let taken = 0;
      while (this.queue.length > 0 && (taken === 0 || batch.records.length + batch.dead.length < 5000)) {
        const t = this.queue.shift()!;
        batch.records.push(...t.records);
        batch.dead.push(...t.dead);
        (batch as { lsn: bigint }).lsn = t.lsn;
        taken++;
      }
      try {
        await this.send(batch);
      } catch (error) {
        return this.fail(error);
      }
      if (this.error !== undefined) return;
      this.queued -= batch.records.length + batch.dead.length;
      this.confirmed = batch.lsn;
      await this.service?.acknowledge(formatLsn(batch.lsn));
      for (const w of this.spaceWaiters.splice(0)) w();
    }
  }

  /** Sends until Kafka acknowledged every record; retriable failures are retried for up to `maxOutageMs`. */
  private async send(batch: Committed): Promise<void> {
    const deadline = Date.now() + (this.options.maxOutageMs ?? 300_000);
    for (let failures = 0; ; failures++) {
      try {
        if (batch.records.length > 0) await this.producer.sendBatch(batch.records);
        if (batch.dead.length > 0) {
          await this.deadConnected;
          await sendAcknowledged(this.deadTopic, batch.dead, (messages) => this.deadProducer.send({ topic: this.deadTopic, acks: -1, messages }));
        }
        return;
      } catch (error) {
        // Bad data (a record the schema refuses) will not get better; anything else is Kafka's (unreachable, timed
        // out, a producer whose sequence broke when a timed-out request was written after all) and is retried with
        // a fresh producer, so a resend after an outage is never refused for the old producer's state.
        const ours = error instanceof UnilogError && !error.retriable;
        if (ours || Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, Math.min(5000, 200 * 2 ** failures)));
        // Stopped or failed (before or during the wait): close() disconnected the producers, and fresh ones would stay
        // connected and write after the stop.
        if (this.error !== undefined || this.phase === 'stopped') throw error;
        await this.renewProducers();
      }
    }
  }

  private async renewProducers(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
    await this.deadProducer.disconnect().catch(() => undefined);
    this.producer = this.newProducer();
    this.deadProducer = this.newDeadProducer();
  }

  private newProducer(): TypedProducer<unknown, unknown> {
    return createProducer(this.options.kafka, this.def.topic as never, { registry: this.options.registry }) as TypedProducer<unknown, unknown>;
  }

  private newDeadProducer(): Producer {
    const producer = this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: pinningPartitioner(JavaCompatiblePartitioner) });
    this.deadConnected = producer.connect();
    this.deadConnected.catch(() => undefined);
    return producer;
  }

  private async fail(error: unknown): Promise<void> {
    if (this.error !== undefined || this.phase === 'stopped') return;
    this.error = error;
    this.phase = 'failed';
    for (const w of this.spaceWaiters.splice(0)) w();
    this.wake?.();
    await this.close();
    this.settle.reject(error);
  }

  async stop(): Promise<void> {
    if (this.phase === 'stopped' || this.phase === 'failed') return;
    this.phase = 'stopped';
    this.wake?.();
    await this.close();
    this.settle.resolve();
  }

  private async close(): Promise<void> {
    await this.service?.destroy().catch(() => undefined);
    await this.producer.disconnect().catch(() => undefined);
    await this.deadProducer.disconnect().catch(() => undefined);
    await this.admin?.end().catch(() => undefined);
    this.admin = undefined;
  }
}

/** PostgreSQL's answer when another connection holds the slot (55006) or created it first (42710). */
function slotBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '55006' || code === '42710';
}

export function createTailer(def: TailerDefinition, options: TailerOptions): Tailer {
  return new PgTailer(def, options);
}
