/**
 * Agreement with the Java reference on the shared conformance vectors (../shared/conformance/avro-compatibility.json,
 * read where it lies; see its README and `conventions` key). Decoding cases belong to the codec and are not read here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { checkReaderWriter } from '../../generator/compat/check-reader-writer.js';
import { checkLevel, isCompatibilityLevel } from '../../generator/compat/levels.js';
import { loadSchemaText } from '../../generator/compat/load-schema-text.js';
import type { TypeNode } from '../../generator/ir.js';

const FILE = fileURLToPath(new URL('../../../shared/conformance/avro-compatibility.json', import.meta.url));

interface Expected { type: string; location: string; message?: string }
interface PairCase {
  id: string; reader: unknown; writer: unknown; compatible: boolean;
  assertedDetail: 'all' | 'first-partial' | 'verdict-only';
  incompatibility: string | null; location: string | null; message?: string | null;
  incompatibilities?: Expected[]; javaChecker: Expected[];
}
interface LevelCase {
  id: string; level: string; previous: unknown[]; candidate: unknown; compatible: boolean;
  assertedErrorType?: string; javaChecker: string[];
}

/**
 * Cases whose schemas we reject as invalid input instead of giving a verdict, with the reason. Java's tests build
 * these records in code without a name; Java's own JSON parser and the Avro spec require one.
 */
const INVALID: Readonly<Record<string, string>> = Object.fromEntries(
  [1, 2, 3, 4, 5].map((n) => [`avro-TestSchemaCompatibility-${n}`, "record without a 'name' (the spec requires one)"]),
);

const load = (schema: unknown, file: string): TypeNode | { invalid: string[] } => {
  const r = loadSchemaText(JSON.stringify(schema, null, 2), file);
  return r.ok ? r.schema : { invalid: r.diagnostics.map((d) => `${d.file}:${d.line}:${d.col}: ${d.message}`) };
};
const isInvalid = (x: TypeNode | { invalid: string[] }): x is { invalid: string[] } => 'invalid' in x;

if (!existsSync(FILE)) {
  describe.skip(`conformance: ${FILE} not found (it lies beside the checkout on development machines and in CI)`, () => {
    test('skipped', () => {});
  });
} else {
  const data = JSON.parse(readFileSync(FILE, 'utf8')) as { cases: PairCase[]; levelCases: LevelCase[] };

  describe('reader/writer cases', () => {
    test('the file holds the expected number of cases', () => {
      expect(data.cases).toHaveLength(152);
    });

    test.each(data.cases.map((c) => [c.id, c] as const))('%s', (id, c) => {
      const reader = load(c.reader, `${id}/reader.avsc`);
      const writer = load(c.writer, `${id}/writer.avsc`);
      if (id in INVALID) {
        expect(isInvalid(reader) || isInvalid(writer), `${id} is listed as invalid`).toBe(true);
        return;
      }
      if (isInvalid(reader) || isInvalid(writer)) {
        throw new Error(`unexpectedly invalid: ${[reader, writer].flatMap((x) => (isInvalid(x) ? x.invalid : [])).join('; ')}`);
      }
      const result = checkReaderWriter(reader, writer);
      const got = result.incompatibilities.map((i) => ({ type: i.type, location: i.location, message: i.message }));
      expect(result.compatible).toBe(c.compatible);
      if (c.assertedDetail === 'all') {
        expect(got).toEqual(c.incompatibilities ?? []);
      } else if (c.assertedDetail === 'first-partial') {
        const first = got[0]!;
        if (c.incompatibility !== null) expect(first.type).toBe(c.incompatibility);
        if (c.location !== null) expect(first.location).toBe(c.location);
        if (c.message != null) expect(first.message).toBe(c.message);
      }
      // Beyond what the suites assert: the full list the Java checker printed for these exact schemas.
      expect(got).toEqual(c.javaChecker);
    });
  });

  describe('level cases', () => {
    test('the file holds the expected number of cases', () => {
      expect(data.levelCases).toHaveLength(78);
    });

    test.each(data.levelCases.map((c) => [c.id, c] as const))('%s', (id, c) => {
      if (!isCompatibilityLevel(c.level)) throw new Error(`unknown level ${c.level}`);
      const previous = c.previous.map((p, i) => load(p, `${id}/previous-${i + 1}.avsc`));
      const candidate = load(c.candidate, `${id}/candidate.avsc`);
      for (const s of [...previous, candidate]) if (isInvalid(s)) throw new Error(s.invalid.join('; '));
      const result = checkLevel(c.level, previous as TypeNode[], candidate as TypeNode);
      expect(result.compatible).toBe(c.compatible);
      const found = result.violations.flatMap((v) => v.incompatibilities.map((i) => `${i.type} ${i.location}`));
      if (c.assertedErrorType) expect(found.map((f) => f.split(' ')[0])).toContain(c.assertedErrorType);
      // javaChecker lists each distinct type/location once (both directions of FULL may find the same one).
      expect([...new Set(found)]).toEqual(c.javaChecker);
    });
  });
}
