/**
 * The schema rules for one topic: its key and value checked against their baseline versions at the topic's
 * compatibility level (one finding per distinct problem, naming every version it breaks), and KEY_SCHEMA_CHANGED.
 * Positions are in the NEW schema: the reader's side for "new reads old", the writer's for "old reads new".
 */
import type { TopicSpec } from '../../catalog/catalog.js';
import type { TypeNode } from '../../ir.js';
import { checkLevel, type Direction } from '../levels.js';
import type { IncompatibilityType } from '../incompatibility.js';
import type { BaselineTopic, BaselineVersion } from './baseline.js';
import { finding, type Finding } from './finding.js';
import { firstEncodingChange } from './key-encoding.js';

export function checkTopicSchemas(current: TopicSpec, old: BaselineTopic): Finding[] {
  const out: Finding[] = [];
  if (current.compatibility !== 'NONE') {
    out.push(...levelFindings(current, 'key', current.key, old.key));
    out.push(...levelFindings(current, 'value', current.value, old.value));
  }
  const latestKey = old.key[old.key.length - 1];
  if (latestKey) {
    const change = firstEncodingChange(latestKey.schema, current.key);
    if (change) {
      out.push(
        finding(
          'KEY_SCHEMA_CHANGED',
          change.pos,
          `topic '${current.name}' key: ${change.what} since ${latestKey.label}; the same key would hash to another partition`,
          current.name,
        ),
      );
    }
  }
  return out;
}

interface Group {
  readonly type: IncompatibilityType;
  readonly direction: Direction;
  readonly pos: { file: string; line: number; col: number };
  readonly description: string;
  readonly location: string;
  readonly versions: string[];
}

function levelFindings(topic: TopicSpec, part: 'key' | 'value', schema: TypeNode, history: readonly BaselineVersion[]): Finding[] {
  if (history.length === 0) return [];
  const result = checkLevel(topic.compatibility, history.map((v) => v.schema), schema);
  const groups = new Map<string, Group>();
  for (const v of result.violations) {
    for (const i of v.incompatibilities) {
      const pos = v.direction === 'backward' ? i.readerPos : i.writerPos;
      const key = `${i.type}|${v.direction}|${pos.file}:${pos.line}:${pos.col}|${i.description}`;
      const label = history[v.version]!.label;
      const group = groups.get(key);
      if (group) {
        if (!group.versions.includes(label)) group.versions.push(label);
      } else {
        groups.set(key, { type: i.type, direction: v.direction, pos, description: i.description, location: i.location, versions: [label] });
      }
    }
  }
  return [...groups.values()].map((g) => {
    // Versions were visited newest first; name them oldest first.
    const versions = listing([...g.versions].reverse());
    const how =
      g.direction === 'backward'
        ? `the new schema cannot read data written with ${versions}`
        : `${versions} cannot read data written with the new schema`;
    return finding(g.type, g.pos, `topic '${topic.name}' ${part}: ${g.description}; ${how} (${topic.compatibility}, at ${g.location})`, topic.name);
  });
}

function listing(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
