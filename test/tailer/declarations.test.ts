/**
 * tailers.yaml checking: every mistake in a table → topic mapping is reported at its token, all in one run, against
 * the catalog and the schemas (fields exist, types convert, nullability, required fields fed); the seed mapping is
 * valid.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadCatalog } from '../../generator/catalog/load-catalog.js';
import { defaultTypeMapping } from '../../generator/config/type-mapping.js';
import { compareLocated, formatLocated } from '../../generator/diagnostics.js';
import { resolveSchemaDir } from '../../generator/resolve/resolve-schemas.js';
import { parseTailers } from '../../generator/tailers/load-tailers.js';

const { set } = resolveSchemaDir('schemas');
const { catalog } = loadCatalog('schemas/topics.yaml', set);
const seed = readFileSync('schemas/tailers.yaml', 'utf8');
const check = (yaml: string) => parseTailers(yaml, 'tailers.yaml', catalog, defaultTypeMapping());
const errors = (yaml: string): string[] => [...check(yaml).diagnostics].sort(compareLocated).map(formatLocated);

describe('tailer declarations', () => {
  test('the seed mappings (users, user-connections) are valid', () => {
    const { declarations, diagnostics } = check(seed);
    expect(diagnostics).toEqual([]);
    expect(declarations.tailers.map((t) => [t.name, `${t.table.schema}.${t.table.name}`, t.topic.name])).toEqual([
      ['users', 'public.users', 'users'],
      ['user-connections', 'public.user_connections', 'user-connections'],
    ]);
  });

  test('every mistake is reported at its token, in one run', () => {
    const bad = seed
      .replace('topic: users\n', 'topic: userz\n')
      .replace('displayName: display_name text not null', 'displayName: display_name text')
      .replace('followerId: follower_id uuid not null', 'followerId: follower_id integer not null')
      .replace('kind: kind connection_kind not null', 'kinds: kind connection_kind not null')
      .replace('follower.kind: = USER', 'follower.kind: = ROBOT')
      .replace('since: since timestamptz not null', 'since: since date not null');
    expect(errors(bad)).toEqual([
      `tailers.yaml:7:12: unknown topic 'userz' (schemas/topics.yaml has ${catalog.topics.map((t) => t.name).join(', ')})`,
      'tailers.yaml:30:19: key.followerId is string (uuid), column follower_id is integer: it takes uuid, text, character varying',
      "tailers.yaml:34:22: value.follower.kind: constant 'ROBOT' is not one of USER, OPINION, WELL_SAID",
      "tailers.yaml:37:7: 'kinds': com.state.graph.UserConnection has no field 'kinds' (it has follower, followee, kind, since)",
      'tailers.yaml:38:14: value.since is long (timestamp-millis), column since is date: it takes timestamp with time zone',
    ]);
  });

  test('nullability, unfed fields (once the rest is valid) and the cleanup policy of the topic', () => {
    const bad = `tailers:
  - name: opinions
    table: opinions
    topic: opinions
    key:
      opinionId: id uuid not null
    value:
      topic: body text
`;
    const found = errors(bad);
    expect(found[0]).toMatch(/^tailers\.yaml:4:12: topic 'opinions' has cleanup policy 'delete': the row shape .* must be compacted$/);
    expect(found).toContain("tailers.yaml:8:14: value.topic is string and cannot hold NULL, but column body is nullable: declare the column NOT NULL (and write 'not null' here), or make the field a union with null");
    // Unfed fields are listed once the mapping itself is valid.
    const unfed = errors(bad.replace('body text', 'body text not null').replace('topic: opinions', 'topic: users-with-connections'));
    expect(unfed.length).toBeGreaterThan(0);
    const fed = errors(bad.replace('body text', 'body text not null'));
    expect(fed.filter((e) => e.includes('has no default'))).toEqual([
      "tailers.yaml:8:7: opinions value: field 'id' (string (uuid)) has no default, so a column must feed it: add 'id: <column> <type>'",
      "tailers.yaml:8:7: opinions value: field 'author' (record com.state.common.Ref) has no default, so a column must feed it: add 'author: <column> <type>'",
      "tailers.yaml:8:7: opinions value: field 'stance' (enum com.state.opinions.Stance) has no default, so a column must feed it: add 'stance: <column> <type>'",
      "tailers.yaml:8:7: opinions value: field 'strength' (bytes (decimal)) has no default, so a column must feed it: add 'strength: <column> <type>'",
      "tailers.yaml:8:7: opinions value: field 'createdAt' (long (timestamp-millis)) has no default, so a column must feed it: add 'createdAt: <column> <type>'",
    ]);
  });

  test('one tailer per topic, and names are unique', () => {
    const users = seed.slice(seed.indexOf('  - name: users\n'), seed.indexOf('  - name: user-connections'));
    const twice = `${seed}\n${users}${users.replace('name: users', 'name: users-again')}`;
    expect(errors(twice)).toEqual([
      "tailers.yaml:40:11: tailer 'users' is already declared at 5:5",
      "tailers.yaml:63:12: topic 'users' is already fed by tailer 'users' (one writer per topic)",
    ]);
  });
});
