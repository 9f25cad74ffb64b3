/**
 * Where each attribute of each topic is written in the new catalog, so a topic rule can point at the very value it is
 * about (`partitions: 3`) rather than at the start of the topic's entry. The catalog itself was already validated.
 */
import { readFileSync } from 'node:fs';
import type { SourcePos } from '../../diagnostics.js';
import { parseYamlWithPositions } from '../../load/yaml-positions.js';

export interface CatalogPositions {
  /** The value of `attribute` in topic `topic`'s entry, if written. */
  attribute(topic: string, attribute: string): SourcePos | undefined;
  /** The `topics:` key (or the file's start), for things no longer in the file. */
  readonly topicsKey: SourcePos;
}

export function catalogPositions(path: string, file: string): CatalogPositions {
  const byTopic = new Map<string, Map<string, SourcePos>>();
  let topicsKey: SourcePos = { file, line: 1, col: 1 };
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    // No file: every lookup falls back to the start of the (missing) file.
  }
  const parsed = parseYamlWithPositions(text, file);
  if (parsed.ok && parsed.node.kind === 'object') {
    const topics = parsed.node.entries.find((e) => e.key === 'topics');
    if (topics) topicsKey = topics.keyPos;
    if (topics?.value.kind === 'array') {
      for (const item of topics.value.items) {
        if (item.kind !== 'object') continue;
        const name = item.entries.find((e) => e.key === 'name')?.value;
        if (name?.kind !== 'string') continue;
        byTopic.set(String(name.value), new Map(item.entries.map((e) => [e.key, e.value.pos] as const)));
      }
    }
  }
  return { attribute: (topic, attribute) => byTopic.get(topic)?.get(attribute), topicsKey };
}
