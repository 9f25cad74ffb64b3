import { describe, expect, test } from 'vitest';
import { parseCatalog } from '../../generator/catalog/load-catalog.js';
import { formatLocated } from '../../generator/diagnostics.js';
import { resolveSchemaTexts } from '../../generator/resolve/resolve-schemas.js';

const { set } = resolveSchemaTexts({
  's.avsc': '[{"type":"record","name":"a.Key","fields":[{"name":"id","type":"string"}]},{"type":"record","name":"a.Value","fields":[]}]',
});

const topic = (extra: Record<string, string>, drop: string[] = []): string => {
  const base: Record<string, string> = {
    name: 'users', key: 'a.Key', value: 'a.Value', visibility: 'shared', owner: 'user-service', partitions: '3', cleanupPolicy: 'compact',
    ...extra,
  };
  return Object.entries(base).filter(([k]) => !drop.includes(k)).map(([k, v], i) => `${i === 0 ? '  - ' : '    '}${k}: ${v}`).join('\n');
};

const errors = (yaml: string): string[] => parseCatalog(yaml, 'topics.yaml', set).diagnostics.map(formatLocated);

describe('topic catalog', () => {
  test('a valid catalog gives typed topics with defaults applied', () => {
    const { catalog, diagnostics } = parseCatalog(`topics:\n${topic({})}\n${topic({ name: 'events', key: 'string', cleanupPolicy: 'delete', compatibility: 'FULL_TRANSITIVE' })}\n`, 'topics.yaml', set);
    expect(diagnostics).toEqual([]);
    expect(catalog.topics.map((t) => [t.name, t.key.kind, t.compatibility, t.cleanupPolicy])).toEqual([
      ['users', 'record', 'BACKWARD', 'compact'],
      ['events', 'primitive', 'FULL_TRANSITIVE', 'delete'],
    ]);
  });

  test.each<[string, string, string[]]>([
    ['unknown schema name', `topics:\n${topic({ value: 'Value' })}\n`, ["topics.yaml:4:12: unknown schema 'Value' (did you mean 'a.Value'?)"]],
    ['a topic with no owner', `topics:\n${topic({}, ['owner'])}\n`, ["topics.yaml:2:5: topic is missing 'owner'"]],
    ['duplicate topic names', `topics:\n${topic({})}\n${topic({})}\n`, ['topics.yaml:9:11: topic \'users\' is already listed at 2:5']],
    ['a duplicate with errors of its own is still a duplicate', `topics:\n${topic({})}\n${topic({ partitions: '0' })}\n`, [
      "topics.yaml:9:11: topic 'users' is already listed at 2:5",
      "topics.yaml:14:17: 'partitions' must be a whole number from 1 to 10000, got 0",
    ]],
    ['bad enum-like values', `topics:\n${topic({ visibility: 'public', cleanupPolicy: 'compact,delete' })}\n`, [
      "topics.yaml:5:17: 'visibility' must be one of shared, internal, got \"public\"",
      "topics.yaml:8:20: 'cleanupPolicy' must be one of compact, delete, got \"compact,delete\"",
    ]],
    ['partitions out of range', `topics:\n${topic({ partitions: '0' })}\n`, ["topics.yaml:7:17: 'partitions' must be a whole number from 1 to 10000, got 0"]],
    ['a typo in a key', `topics:\n${topic({ owners: 'x' })}\n`, ['topics.yaml:9:5: unknown key \'owners\' in topic (known: name, key, value, visibility, owner, partitions, cleanupPolicy, compatibility, doc)']],
    ['an invalid topic name', `topics:\n${topic({ name: '"user events"' })}\n`, ["topics.yaml:2:11: 'name' must use only letters, digits, '.', '_' and '-' (at most 249), got 'user events'"]],
    ['malformed YAML', 'topics:\n  - name: [a\n', ['topics.yaml:3:1: malformed YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']],
  ])('%s', (_name, yaml, want) => {
    expect(errors(yaml)).toEqual(want);
  });
});
