/**
 * Union field defaults against Apache Avro Java 1.12 (runtime/codec/union-default.ts): for each union and default,
 * Java resolves an empty writer record to a reader that has the field, which writes the default as Java reads it.
 * Where Java's branch holds the default, unilog writes the same bytes; where Java would coerce it into another value
 * (or fail when reading it), unilog refuses the schema with INVALID_SCHEMA rather than read it differently.
 * Skipped, by name, where there is no JDK or Maven.
 */
import { describe, expect, test } from 'vitest';
import { CodecError, createCodec, type AvroSchema } from '../../runtime/codec/index.js';
import { javaAvailable, runJava } from '../support/java-reference.js';

const F = { type: 'fixed', name: 'F', size: 2 };
const E = { type: 'enum', name: 'E', symbols: ['A', 'B'] };
const S = { type: 'record', name: 'S', fields: [{ name: 'a', type: 'int' }] };
const INTS = { type: 'array', items: 'int' };
const COUNTS = { type: 'map', values: 'int' };

/** [union, default, what Java does with it]: 'same' when unilog must write Java's bytes, else why unilog refuses. */
const CASES: Array<[unknown, unknown, string]> = [
  [['string', 'long', 'double'], 1, 'same'],
  [['float', 'int'], 1, 'same'],
  [['double', 'long'], 1, 'same'],
  [['long', 'int'], 1, 'same'],
  [['string', 'int'], 1, 'same'],
  [['boolean', 'int'], 1, 'same'],
  [['int', 'boolean'], true, 'same'],
  [['bytes', 'string'], 'x', 'same'],
  [['string', 'bytes'], 'x', 'same'],
  [[F, 'string'], 'ab', 'same'],
  [['string', E], 'A', 'same'],
  [['int', E], 'A', 'same'],
  [[E, 'string'], 'A', 'same'],
  [['string', 'null'], null, 'same'],
  [['null', 'int', 'string'], 'x', 'same'],
  [['null', INTS], [1, 2], 'same'],
  [[S, COUNTS], { a: 1 }, 'same'],
  [[{ type: 'int', logicalType: 'date' }, 'string'], 3, 'same'],
  [['int', 'float'], 1.5, 'Java writes the int 1'],
  [['long', 'double'], 1.5, 'Java writes the long 1'],
  [['int', 'long'], 3000000000, 'Java writes an overflowed int'],
  [[F, 'string'], 'abc', 'Java writes the fixed "ab"'],
  [[E, 'string'], 'zzz', 'Java fails reading it'],
  [[S, COUNTS], { b: 1 }, 'Java fails reading it'],
  [[S, 'string'], 'x', 'Java fails reading it'],
  [[INTS, 'string'], 'x', 'Java writes an empty array'],
  [[COUNTS, 'int'], 1, 'Java writes an empty map'],
  [[INTS, 'null'], null, 'Java writes an empty array'],
  [[E, 'null'], null, 'Java fails reading it'],
  [[INTS, COUNTS], { k: 1 }, 'Java writes the array [1]'],
  [[{ type: 'record', name: 'T', fields: [{ name: 'v', type: ['int', 'double'] }] }, 'null'], { v: 1.5 }, 'Java writes v = 1'],
];

const WRITER = '{"type":"record","name":"R","fields":[]}';
const readerOf = (union: unknown, def: unknown): AvroSchema => ({ type: 'record', name: 'R', fields: [{ name: 'u', type: union, default: def }] }) as AvroSchema;
const label = (union: unknown, def: unknown): string => `${JSON.stringify(union)} default ${JSON.stringify(def)}`;

describe.skipIf(!javaAvailable())('union defaults against Apache Avro Java 1.12', () => {
  let java: string[] | undefined;
  const javaBytes = (i: number): string => {
    java ??= runJava(CASES.map(([u, d]) => ({ op: 'resolve', writer: WRITER, reader: JSON.stringify(readerOf(u, d)), data: [''] }))).map(
      (r) => r.error ?? r.data![0]!,
    );
    return java[i]!;
  };

  test.each(CASES.map(([u, d, java], i) => [label(u, d), java, i] as const))('%s: %s', (_label, expected, i) => {
    const [union, def] = CASES[i]!;
    const codec = createCodec(readerOf(union, def));
    const theirs = javaBytes(i);
    if (expected === 'same') {
      const resolver = codec.resolver(JSON.parse(WRITER) as AvroSchema);
      expect(codec.encode({}).toString('hex')).toBe(theirs);
      expect(codec.encode(resolver.decode(Buffer.alloc(0))).toString('hex')).toBe(theirs);
    } else {
      expect(theirs.startsWith('ERROR') || expected !== 'Java fails reading it').toBe(true);
      let code: string | undefined;
      try {
        codec.encode({});
      } catch (e) {
        code = e instanceof CodecError ? e.code : String(e);
      }
      expect(code).toBe('INVALID_SCHEMA');
    }
  });
});
