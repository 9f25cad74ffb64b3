/**
 * The PostgreSQL tailer against a private PostgreSQL cluster and the real Kafka: snapshot of a new slot, then
 * streaming in commit order per key, typed values (exact bigint, NULLs, enums, arrays, jsonb), tombstones, dead
 * letters, and refusing to start on a table that does not match the mapping.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { REPO } from '../support/generate-into.js';
import { userConnectionsTailer } from '../../generated/tailers/user-connections.js';
import { defineTopic, ensureTopics } from '../../runtime/index.js';
import { createTailer, type Tailer } from '../../runtime/tailer/index.js';
import { EXAMPLE_TABLES, startPostgres, type PrivatePostgres } from './postgres.js';
import { kafka, readRaw, registry, unique, until } from './runtime-support.js';
import { ofUser, readUsers, slotOf, usersTailerOnNewTopic } from './tailer-support.js';

let postgres: PrivatePostgres;
let client: Kafka;
const running: Tailer[] = [];

beforeAll(() => {
  postgres = startPostgres(0);
  client = kafka();
});
afterAll(async () => {
  for (const t of running) await t.stop();
  postgres?.stop();
});

const U = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function insertUser(n: number, extra = ''): string {
  return `INSERT INTO users (id, username, display_name, created_at, updated_at${extra ? ', ' + extra.split('=')[0] : ''})
          VALUES ('${U(n)}', 'user${n}', 'User ${n}', '2024-01-02T03:04:05.678Z', '2024-01-02T03:04:05.678Z'${extra ? ', ' + extra.split('=').slice(1).join('=') : ''});`;
}

describe('users table → users topic', () => {
  test('a new slot snapshots existing rows first, then streams inserts, updates and deletes in commit order per key', async () => {
    const db = await postgres.createDatabase(EXAMPLE_TABLES);
    await postgres.query(db, insertUser(1) + insertUser(2));
    const def = await usersTailerOnNewTopic(client);
    const tailer = createTailer(def, { connection: postgres.connection(db), kafka: client, registry: registry(), slot: slotOf(def) });
    running.push(tailer);
    await tailer.start();
    expect(tailer.stats().snapshotRows).toBe(2);

    await postgres.query(db, insertUser(3));
    await postgres.query(db, `UPDATE users SET display_name = 'One' WHERE id = '${U(1)}'`);
    // One transaction of several statements, touching one key three times.
    await postgres.query(db, `BEGIN; ${insertUser(4)} UPDATE users SET bio = 'b4' WHERE id = '${U(4)}'; DELETE FROM users WHERE id = '${U(2)}'; UPDATE users SET verified = true WHERE id = '${U(4)}'; COMMIT;`);
    await postgres.query(db, `DELETE FROM users WHERE id = '${U(4)}'`);

    const changes = await readUsers(client, def, 9);
    const u1 = ofUser(changes, U(1));
    expect(u1.map((c) => c.value?.displayName)).toEqual(['User 1', 'One']);
    expect(ofUser(changes, U(2)).map((c) => c.value?.displayName ?? null)).toEqual(['User 2', null]);
    expect(ofUser(changes, U(3)).map((c) => c.value?.username)).toEqual(['user3']);
    expect(ofUser(changes, U(4)).map((c) => (c.value ? [c.value.bio, c.value.verified] : null))).toEqual([[null, false], ['b4', false], ['b4', true], null]);
    expect(u1[0]!.value).toEqual({
      id: U(1), username: 'user1', displayName: 'User 1', email: null, bio: null, location: null, status: 'ACTIVE', verified: false,
      followerCount: 0, interests: [], settings: {}, avatar: null,
      createdAt: new Date('2024-01-02T03:04:05.678Z'), updatedAt: new Date('2024-01-02T03:04:05.678Z'),
    });
    await until(() => tailer.stats().confirmedLsn !== undefined, 'a confirmed LSN');
    await tailer.stop();
  });

  test('typed values: exact bigint, NULLs, enum, text[] with NULL-free items, jsonb map, bytea; an inexact bigint goes to the dead-letter topic with its key and reason', async () => {
    const db = await postgres.createDatabase(EXAMPLE_TABLES);
    const def = await usersTailerOnNewTopic(client);
    const tailer = createTailer(def, { connection: postgres.connection(db), kafka: client, registry: registry(), slot: slotOf(def), deadLetterTopic: `${def.topic.name}.dlq` });
    running.push(tailer);
    await tailer.start();
    await postgres.query(db, `
      INSERT INTO users (id, username, display_name, email, status, follower_count, interests, settings, avatar, created_at, updated_at)
      VALUES ('${U(10)}', 'max', 'Max', NULL, 'SUSPENDED', 9007199254740991, '{kafka,"post gres"}', '{"theme":"dark"}', '\\x0102ff',
              '1999-12-31T23:59:59.999Z', '2000-01-01T00:00:00Z');
      INSERT INTO users (id, username, display_name, follower_count, created_at, updated_at)
      VALUES ('${U(11)}', 'big', 'Big', 9007199254740993, now(), now());`);
    const [max] = await readUsers(client, def, 1);
    expect(max!.value).toMatchObject({
      email: null, status: 'SUSPENDED', followerCount: 9007199254740991, interests: ['kafka', 'post gres'], settings: { theme: 'dark' },
      avatar: Buffer.from([1, 2, 0xff]), createdAt: new Date('1999-12-31T23:59:59.999Z'),
    });
    const [dead] = await readRaw(client, `${def.topic.name}.dlq`, 1);
    expect(JSON.parse(dead!.message.key!.toString())).toEqual({ id: U(11) });
    expect(dead!.message.headers!['unilog-error']!.toString()).toMatch(/follower_count: 9007199254740993 is beyond/);
    expect(tailer.stats().deadLetters).toBe(1);
    await tailer.stop();
  });

  test('a table that does not match the mapping refuses to start, listing every problem', async () => {
    const db = await postgres.createDatabase(`
      CREATE TYPE account_status AS ENUM ('ACTIVE', 'BANNED');
      CREATE TABLE users (id uuid, username varchar(40) NOT NULL, display_name text, status account_status NOT NULL,
        verified boolean NOT NULL, follower_count integer NOT NULL, interests text[] NOT NULL, settings jsonb NOT NULL,
        avatar bytea, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);`);
    const def = await usersTailerOnNewTopic(client);
    const tailer = createTailer(def, { connection: postgres.connection(db), kafka: client, registry: registry(), slot: slotOf(def) });
    const error = await tailer.start().then(() => undefined, (e: unknown) => e as Error & { code: string });
    expect(error?.code).toBe('TAILER_TABLE_MISMATCH');
    const lines = error!.message.split('\n').slice(1).map((l) => l.trim());
    expect(lines).toEqual([
      "column id is nullable, the mapping says not null (add NOT NULL to the column, or make the field nullable and drop 'not null')",
      'column username is character varying, the mapping says text',
      "column display_name is nullable, the mapping says not null (add NOT NULL to the column, or make the field nullable and drop 'not null')",
      'public.users has no column email (it has id, username, display_name, status, verified, follower_count, interests, settings, avatar, created_at, updated_at)',
      'public.users has no column bio (it has id, username, display_name, status, verified, follower_count, interests, settings, avatar, created_at, updated_at)',
      'column status: enum label(s) BANNED have no symbol in the Avro enum (ACTIVE, SUSPENDED, DELETED)',
      'column follower_count is integer, the mapping says bigint',
      'public.users has no primary key: deletes carry no key (add one over id, or set REPLICA IDENTITY FULL)',
    ]);
    expect(await postgres.query(db, 'SELECT slot_name FROM pg_replication_slots WHERE database = current_database()')).toEqual([]);
  });

  test('a slot left by a tailer killed during its snapshot is dropped and the snapshot done again', async () => {
    const db = await postgres.createDatabase(EXAMPLE_TABLES);
    await postgres.query(db, insertUser(1) + insertUser(2));
    const def = await usersTailerOnNewTopic(client);
    // What a kill -9 during the snapshot leaves: the publication and the slot, without the mark of a whole snapshot.
    await postgres.query(db, `CREATE PUBLICATION ${slotOf(def)} FOR TABLE users`);
    await postgres.query(db, `SELECT pg_create_logical_replication_slot('${slotOf(def)}', 'pgoutput')`);
    const tailer = createTailer(def, { connection: postgres.connection(db), kafka: client, registry: registry(), slot: slotOf(def) });
    running.push(tailer);
    await tailer.start();
    expect(tailer.stats().snapshotRows).toBe(2);
    expect((await readUsers(client, def, 2)).map((c) => c.value?.username).sort()).toEqual(['user1', 'user2']);
    await tailer.stop();

    // Started again on its complete slot, it streams on and snapshots nothing.
    await postgres.query(db, insertUser(3));
    const again = createTailer(def, { connection: postgres.connection(db), kafka: client, registry: registry(), slot: slotOf(def) });
    running.push(again);
    await again.start();
    expect(again.stats().snapshotRows).toBe(0);
    expect((await readUsers(client, def, 3)).map((c) => c.value?.username).sort()).toEqual(['user1', 'user2', 'user3']);
    await again.stop();
  });

  test('`unilog tailer drop-slot` drops a stopped tailer\'s slot and publication; a second time finds none', async () => {
    const db = await postgres.createDatabase(EXAMPLE_TABLES);
    const def = await usersTailerOnNewTopic(client);
    const tailer = createTailer(def, { connection: postgres.connection(db), kafka: client, registry: registry(), slot: slotOf(def) });
    await tailer.start();
    await tailer.stop();
    const url = `postgres://postgres@127.0.0.1:${postgres.port}/${db}`;
    const drop = () => spawnSync(process.execPath, [join(REPO, 'bin', 'unilog.js'), 'tailer', 'drop-slot', 'users', '--slot', slotOf(def), '--publication', '--database', url], { cwd: REPO, encoding: 'utf8' });
    expect(drop()).toMatchObject({ status: 0, stderr: `unilog tailer: dropped slot ${slotOf(def)} and publication ${slotOf(def)}\n` });
    expect(await postgres.query(db, 'SELECT slot_name FROM pg_replication_slots WHERE database = current_database()')).toEqual([]);
    expect(await postgres.query(db, 'SELECT pubname FROM pg_publication')).toEqual([]);
    expect(drop()).toMatchObject({ status: 100, stderr: `unilog tailer: there is no slot ${slotOf(def)}\n` });
  });

  test('user_connections → user-connections: a composite key, constants in nested records, an enum; a key change is a tombstone for the old key', async () => {
    const db = await postgres.createDatabase(EXAMPLE_TABLES);
    const topic = defineTopic({ ...userConnectionsTailer.topic, name: unique('t-user-connections'), partitions: 3 });
    await ensureTopics(client, [topic]);
    const def = { ...userConnectionsTailer, topic };
    const tailer = createTailer(def, { connection: postgres.connection(db), kafka: client, registry: registry(), slot: topic.name.replace(/-/g, '_') });
    running.push(tailer);
    await tailer.start();
    await postgres.query(db, `INSERT INTO user_connections (follower_id, followee_id, kind, since) VALUES ('${U(1)}', '${U(2)}', 'MUTE', '2024-05-06T07:08:09Z')`);
    await postgres.query(db, `UPDATE user_connections SET followee_id = '${U(3)}' WHERE follower_id = '${U(1)}'`);
    const records = (await readRaw(client, topic.name, 3)).map(({ message }) => ({
      key: topic.key.decodeFramed(message.key!),
      value: message.value === null ? null : topic.value.decodeFramed(message.value),
    }));
    const old = records.filter((r) => r.key.followeeId === U(2));
    expect(old.map((r) => r.value)).toEqual([
      { follower: { id: U(1), kind: 'USER' }, followee: { id: U(2), kind: 'USER' }, kind: 'MUTE', since: new Date('2024-05-06T07:08:09Z') },
      null,
    ]);
    expect(records.filter((r) => r.key.followeeId === U(3)).map((r) => r.value?.followee.id)).toEqual([U(3)]);
    await tailer.stop();
  });

  test('a second instance on the same slot waits as a standby and takes over when the first stops; nothing is lost', async () => {
    const db = await postgres.createDatabase(EXAMPLE_TABLES);
    const def = await usersTailerOnNewTopic(client);
    const options = { connection: postgres.connection(db), kafka: client, registry: registry(), slot: slotOf(def), standby: true, standbyPollMs: 100 };
    const first = createTailer(def, options);
    const second = createTailer(def, options);
    running.push(first, second);
    await first.start();
    const secondStarted = second.start();
    await until(() => second.stats().phase === 'standby', 'the second instance to stand by');
    const initial = first.stats().confirmedLsn;
    await postgres.query(db, insertUser(1));
    // Once the first confirmed the insert, the second resumes after it: no duplicate (else one would be expected).
    await until(() => first.stats().confirmedLsn !== initial, 'the first instance to confirm the insert');
    await first.stop();
    await secondStarted;
    expect(second.stats().phase).toBe('streaming');
    await postgres.query(db, insertUser(2));
    const changes = await readUsers(client, def, 2);
    expect(changes.map((c) => c.value?.username).sort()).toEqual(['user1', 'user2']);
    // Without standby, a second instance is refused while the slot is read.
    const third = createTailer(def, { ...options, standby: false });
    await expect(third.start()).rejects.toMatchObject({ code: 'TAILER_SLOT_IN_USE' });
    await second.stop();
  });
});
