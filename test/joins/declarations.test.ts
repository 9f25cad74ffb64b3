/**
 * joins.yaml validation: every mistake a user can make in a join declaration is reported at its token, all of them in
 * one run; a valid declaration gives a typed module whose function type names the project's own types.
 */
import { describe, expect, test } from 'vitest';
import { parseCatalog } from '../../generator/catalog/load-catalog.js';
import { compareLocated, formatLocated } from '../../generator/diagnostics.js';
import { defaultTypeMapping } from '../../generator/config/type-mapping.js';
import { allocateNames } from '../../generator/emit/allocate-names.js';
import { emitJoinModule } from '../../generator/joins/emit-join-module.js';
import { parseJoins } from '../../generator/joins/load-joins.js';
import { resolveSchemaDir } from '../../generator/resolve/resolve-schemas.js';

const { set } = resolveSchemaDir('schemas');

const entry = (name: string, key: string, value: string, owner: string, partitions: number, policy: string, visibility = 'shared'): string =>
  `  - { name: ${name}, key: ${key}, value: ${value}, visibility: ${visibility}, owner: ${owner}, partitions: ${partitions}, cleanupPolicy: ${policy} }`;

const catalogText = [
  'topics:',
  entry('users', 'com.state.users.UserKey', 'com.state.users.User', 'user-service', 6, 'compact'),
  entry('user-connections', 'com.state.graph.UserConnectionKey', 'com.state.graph.UserConnection', 'graph-service', 6, 'compact'),
  entry('opinions', 'com.state.opinions.OpinionKey', 'com.state.opinions.Opinion', 'opinion-service', 6, 'delete'),
  entry('author-events', 'com.state.users.UserKey', 'com.state.opinions.Opinion', 'opinion-service', 3, 'delete'),
  entry('users-with-connections', 'com.state.users.UserKey', 'com.state.joined.UserWithConnections', 'connections-joiner', 6, 'compact'),
  entry('uwc-log', 'com.state.users.UserKey', 'com.state.joined.UserWithConnections', 'connections-joiner', 6, 'delete'),
  entry('by-user', 'bytes', 'bytes', 'connections-joiner', 6, 'compact', 'internal'),
  entry('by-user-3', 'bytes', 'bytes', 'connections-joiner', 3, 'delete', 'shared'),
  entry('enriched', 'com.state.opinions.OpinionKey', 'com.state.opinions.Opinion', 'enricher', 6, 'delete'),
  '',
].join('\n');
const { catalog, diagnostics: catalogErrors } = parseCatalog(catalogText, 'topics.yaml', set);

const seed = `joins:
  - name: users-with-connections
    owner: connections-joiner
    kind: table-table
    join: left
    table: users
    related:
      topic: user-connections
      match:
        following: key.followerId
        followers: key.followeeId
    via: by-user
    output: users-with-connections
`;

const errors = (yaml: string): string[] => [...parseJoins(yaml, 'joins.yaml', catalog).diagnostics].sort(compareLocated).map(formatLocated);

describe('join declarations', () => {
  test('the seed join is valid and emits the function type with the project types', () => {
    expect(catalogErrors).toEqual([]);
    const { declarations, diagnostics } = parseJoins(seed, 'joins.yaml', catalog);
    expect(diagnostics).toEqual([]);
    const ctx = { mapping: defaultTypeMapping(), runtimeImport: 'unilog/runtime', names: allocateNames(set), sourceName: (f: string) => f };
    const file = emitJoinModule(declarations.joins[0]!, ctx, 'schemas/joins.yaml');
    expect(file.path).toBe('joins/users-with-connections.ts');
    expect(file.content).toContain(
      [
        'export type UsersWithConnectionsFunction = (',
        '  row: $com_state_users.User,',
        '  related: { following: $com_state_graph.UserConnection[]; followers: $com_state_graph.UserConnection[] },',
        ') => $com_state_joined.UserWithConnectionsInput | null;',
      ].join('\n'),
    );
    expect(file.content).toContain('match: (key) => ({ following: { userId: key.followerId }, followers: { userId: key.followeeId } }),');
  });

  test('every mistake of a table join is reported at its token, in one run', () => {
    const bad = seed
      .replace('table: users', 'table: userz')
      .replace('following: key.followerId', 'following: key.follower')
      .replace('followers: key.followeeId', 'followers: value.since')
      .replace('output: users-with-connections', 'output: uwc-log');
    expect(errors(bad)).toEqual([
      "joins.yaml:6:12: unknown topic 'userz' (topics.yaml has users, user-connections, opinions, author-events, users-with-connections, uwc-log, by-user, by-user-3, enriched)",
      "joins.yaml:10:20: 'key.follower': com.state.graph.UserConnectionKey has no field 'follower' (it has followerId, followeeId)",
      'joins.yaml:11:20: side \'followers\' matches on value.since: a table-table join matches on fields of the related topic\'s key (a tombstone carries only the key); matching on a value field is not supported yet',
    ]);
    const moreBad = seed.replace('output: users-with-connections', 'output: uwc-log').replace('via: by-user', 'via: by-user-3');
    expect(errors(moreBad)).toEqual([
      "joins.yaml:12:10: re-key topic 'by-user-3' must have visibility internal (found shared), cleanupPolicy compact (found delete: it holds a table) in topics.yaml",
      "joins.yaml:12:10: re-key topic 'by-user-3' has 3 partitions and table 'users' 6: the re-keyed input is co-partitioned with the table, so give 'by-user-3' 6 partitions in topics.yaml",
      "joins.yaml:13:13: output topic 'uwc-log' has cleanup policy 'delete': a table join's result is a table (one record per key, a deleted row becomes a tombstone), so it must be compacted",
    ]);
  });

  test('an output another service owns, a match of the wrong type, and a missing re-key topic', () => {
    const yaml = `joins:
  - name: enrich
    owner: enricher
    kind: stream-table
    join: inner
    stream: opinions
    table: users
    match: value.createdAt
    output: users-with-connections
`;
    expect(errors(yaml)).toEqual([
      "joins.yaml:8:12: value.createdAt is long (timestamp-millis), but the key of table 'users' is string (uuid) (or its one field, record com.state.users.UserKey): a match field must hold the table's key",
      "joins.yaml:8:12: 'opinions' is matched on value.createdAt, not on its key, so its records must be re-keyed by the table key: add 'via: enrich.by-users' and declare that topic in topics.yaml (internal, owner enricher, key bytes, value bytes, 6 partitions)",
      "joins.yaml:9:13: output topic 'users-with-connections' is owned by connections-joiner, not by this join's owner enricher (one writer per topic): make enricher its owner in topics.yaml, or run the join in connections-joiner",
      "joins.yaml:9:13: output topic 'users-with-connections' is keyed by record com.state.users.UserKey, the stream 'opinions' by record com.state.opinions.OpinionKey: an enriched record keeps its stream key",
    ]);
  });

  test('co-partitioned inputs with different partition counts or key schemas are refused at generate time', () => {
    const yaml = `joins:
  - name: by-author
    owner: enricher
    kind: stream-table
    join: left
    stream: author-events
    table: users
    match: key
    output: enriched
  - name: by-opinion
    owner: enricher
    kind: stream-table
    join: left
    stream: opinions
    table: users
    match: key
    output: enriched
`;
    expect(errors(yaml)).toEqual([
      "joins.yaml:6:13: 'author-events' has 3 partitions and 'users' 6: co-partitioned inputs need the same count; give them the same partitions in topics.yaml, or re-key the stream through a 'via' topic",
      "joins.yaml:9:13: output topic 'enriched' is keyed by record com.state.opinions.OpinionKey, the stream 'author-events' by record com.state.users.UserKey: an enriched record keeps its stream key",
      "joins.yaml:14:13: 'opinions' is keyed by record com.state.opinions.OpinionKey and 'users' by record com.state.users.UserKey: co-partitioned inputs need one key schema (the same key must land in the same partition); re-key the stream through a 'via' topic",
      "joins.yaml:16:12: key is record com.state.opinions.OpinionKey, but the key of table 'users' is string (uuid) (or its one field, record com.state.users.UserKey): a match field must hold the table's key",
    ]);
  });
});
