/**
 * Compatibility levels as Confluent Schema Registry defines them: which earlier versions a new schema is checked
 * against, and in which direction.
 * - BACKWARD: the new schema reads data written with the latest version (consumers upgrade first).
 * - FORWARD: the latest version reads data written with the new schema (producers upgrade first).
 * - FULL: both. `_TRANSITIVE`: against every earlier version, not only the latest. NONE: no check.
 * Earlier versions are visited newest first, as the registry's validator does. Unlike the registry, which stops at
 * the newest version that fails, every failing version is reported, so one run shows everything to fix.
 */
import type { TypeNode } from '../ir.js';
import { checkReaderWriter } from './check-reader-writer.js';
import type { Incompatibility } from './incompatibility.js';

export const COMPATIBILITY_LEVELS = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE',
] as const;
export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

export function isCompatibilityLevel(s: string): s is CompatibilityLevel {
  return (COMPATIBILITY_LEVELS as readonly string[]).includes(s);
}

/**
 * `backward`: the candidate (reader) cannot read data written with an earlier version (writer).
 * `forward`: an earlier version (reader) cannot read data written with the candidate (writer).
 */
export type Direction = 'backward' | 'forward';

export interface LevelViolation {
  /** Index into `previous` (0 = oldest). */
  readonly version: number;
  readonly direction: Direction;
  readonly incompatibilities: readonly Incompatibility[];
}

export interface LevelResult {
  readonly compatible: boolean;
  readonly violations: readonly LevelViolation[];
}

export interface LevelPlan {
  readonly backward: boolean;
  readonly forward: boolean;
  readonly transitive: boolean;
}

export function levelPlan(level: CompatibilityLevel): LevelPlan {
  return {
    backward: level.startsWith('BACKWARD') || level.startsWith('FULL'),
    forward: level.startsWith('FORWARD') || level.startsWith('FULL'),
    transitive: level.endsWith('_TRANSITIVE'),
  };
}

/** `previous` is the subject's history, oldest first; `candidate` is the schema about to be registered. */
export function checkLevel(level: CompatibilityLevel, previous: readonly TypeNode[], candidate: TypeNode): LevelResult {
  const plan = levelPlan(level);
  const violations: LevelViolation[] = [];
  const first = plan.transitive ? 0 : Math.max(0, previous.length - 1);
  for (let version = previous.length - 1; version >= first; version--) {
    const old = previous[version]!;
    // FULL checks "old reads new" before "new reads old", as the registry's mutual-read strategy does.
    if (plan.forward) {
      const r = checkReaderWriter(old, candidate);
      if (!r.compatible) violations.push({ version, direction: 'forward', incompatibilities: r.incompatibilities });
    }
    if (plan.backward) {
      const r = checkReaderWriter(candidate, old);
      if (!r.compatible) violations.push({ version, direction: 'backward', incompatibilities: r.incompatibilities });
    }
  }
  return { compatible: violations.length === 0, violations };
}
