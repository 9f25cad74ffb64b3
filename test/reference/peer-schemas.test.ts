/**
 * "Every peer schema Java accepts must generate": each unit of ../shared/peer-schemas (apache/avro, avsc, castle; see
 * its SOURCES.md) that Apache Avro Java 1.12 accepts generates, and the output type-checks; each one Java refuses,
 * unilog refuses too. Java's verdicts are checked in (peer-schemas.java-verdicts.json), written by the harness:
 *   UNILOG_WRITE_PEER_VERDICTS=1 npx vitest run test/reference/peer-schemas.test.ts
 * The suite is skipped, by name, where the peer schemas are absent.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatLocated } from '../../generator/diagnostics.js';
import { resolveSchemaTexts } from '../../generator/resolve/resolve-schemas.js';
import { generateInto, workDir, writeFiles } from '../support/generate-into.js';
import { runJava } from '../support/java-reference.js';
import { typecheck } from '../support/typecheck.js';
import { peerUnits, VERDICTS_FILE } from './peer-units.js';

interface Verdicts {
  avro: string;
  verdicts: Record<string, { java: 'accepts' | 'refuses'; error?: string }>;
}

const units = peerUnits();

test.runIf(process.env.UNILOG_WRITE_PEER_VERDICTS === '1')('write Java 1.12 verdicts of the peer schemas', () => {
  const results = runJava(units.map((u) => ({ op: 'parse' as const, texts: Object.values(u.files) })));
  const verdicts: Verdicts['verdicts'] = {};
  units.forEach((u, i) => {
    const r = results[i]!;
    verdicts[u.id] = r.ok ? { java: 'accepts' } : { java: 'refuses', error: r.error ?? 'unknown' };
  });
  writeFileSync(VERDICTS_FILE, `${JSON.stringify({ avro: '1.12.2', verdicts } satisfies Verdicts, null, 2)}\n`);
});

describe.skipIf(units.length === 0 || !existsSync(VERDICTS_FILE))('peer schemas (../shared/peer-schemas)', () => {
  const { verdicts } = existsSync(VERDICTS_FILE) ? (JSON.parse(readFileSync(VERDICTS_FILE, 'utf8')) as Verdicts) : { verdicts: {} as Verdicts['verdicts'] };

  test('every unit has a Java verdict', () => {
    expect(units.map((u) => u.id).filter((id) => !verdicts[id])).toEqual([]);
  });

  const accepted = units.filter((u) => verdicts[u.id]?.java === 'accepts');
  const refused = units.filter((u) => verdicts[u.id]?.java === 'refuses');

  test(`the ${accepted.length} units Java accepts generate, and the output type-checks`, { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    const roots: string[] = [];
    const generated: string[] = [];
    for (const u of accepted) {
      const dir = workDir(`peer-${u.id.replaceAll('/', '--')}`);
      writeFiles(join(dir, 'schemas'), u.files);
      try {
        await generateInto(join(dir, 'schemas'), join(dir, 'generated'));
        roots.push(join(dir, 'generated', 'index.ts'), join(dir, 'generated', 'codecs.ts'));
        generated.push(join(dir, 'generated'));
      } catch (e) {
        failures.push(`${u.id}: ${(e as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    // errors in the generated files only: the runtime they import is checked by `npm run typecheck`
    expect(typecheck(roots, generated)).toEqual([]);
  });

  test.each(refused.map((u) => [u.id, u] as const))('%s: Java refuses it, and so does unilog', (_id, u) => {
    expect(resolveSchemaTexts(u.files).diagnostics.map(formatLocated)).not.toEqual([]);
  });
});
