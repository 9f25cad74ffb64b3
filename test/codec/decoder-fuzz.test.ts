/**
 * Every generated decoder (generated/codecs.ts, the repository's schemas) against seeded random and mutated bytes:
 * each call ends with a value or a coded error, quickly, without growing the heap. Longer runs: bench/fuzz.mjs.
 */
import { expect, test } from 'vitest';
import { createCodec } from '../../runtime/codec/index.js';
import { fuzzDecoders, type Decoder } from '../../bench/fuzz/decoder-fuzz.js';
import { randomCount } from './support/effort.js';

test('random and mutated bytes: every generated decoder returns a value or a coded error, fast and in bounded memory', { timeout: 60_000 }, async () => {
  // Imported here, not at the top: the generated modules create their codecs at import, which would make that code
  // static for Stryker (run by every codec test for each of its mutants) instead of covered by this test.
  const { codecs } = await import('../../generated/codecs.js');
  const decoders: Record<string, Decoder> = Object.fromEntries(Object.keys(codecs).map((name) => [name, codecs[name as keyof typeof codecs] as Decoder]));
  const report = fuzzDecoders(decoders, { seed: 15, callsPerDecoder: randomCount(400, 200) });
  expect(report.failures).toEqual([]);
  expect(report.decoders).toBe(Object.keys(codecs).length);
  // The run reached both outcomes, and the hostile lengths were refused, not allocated.
  expect(report.values).toBeGreaterThan(report.calls / 20);
  expect(report.errors['TRUNCATED']).toBeGreaterThan(0);
  expect(report.errors['INVALID_ENCODING']).toBeGreaterThan(0);
});

test('the same for shapes the repository\'s schemas lack: items that take no bytes, nesting, recursion', { timeout: 60_000 }, () => {
  const empty = { type: 'record', name: 'Empty', fields: [] } as const;
  const shapes: Record<string, Decoder> = {
    'array of null': createCodec({ type: 'array', items: 'null' }),
    'array of arrays of null': createCodec({ type: 'array', items: { type: 'array', items: 'null' } }),
    'map of arrays of empty records': createCodec({ type: 'map', values: { type: 'array', items: empty } }),
    'recursive list': createCodec({ type: 'record', name: 'Node', fields: [{ name: 'next', type: ['null', 'Node'] }, { name: 'items', type: { type: 'array', items: 'null' } }] }),
    'union of everything': createCodec(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']),
  };
  // An array may hold a million zero-size items beyond its bytes (compile-collections.ts): 8 bytes can ask for a
  // million nulls, ~0.1 s of work (more on a loaded machine), so the bound on one call is looser here.
  const report = fuzzDecoders(shapes, { seed: 16, callsPerDecoder: randomCount(300, 30), slowMs: 3_000 });
  expect(report.failures).toEqual([]);
  expect(report.values).toBeGreaterThan(0);
});
