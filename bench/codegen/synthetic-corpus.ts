/**
 * A deterministic corpus of Avro schema files for the codegen benchmark and the round-trip proof: records of 5–30
 * fields over many namespaces, with the shapes users of other generators report trouble with — unions of several
 * records, arrays and maps of unions, the same short name in two namespaces, references across files, recursion,
 * reserved words, every logical type and defaults of every type.
 */

/** mulberry32: small, fast, and the same sequence on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const RESERVED_FIELD_NAMES = ['class', 'default', 'constructor', 'function', 'type', 'interface', 'delete', 'new', 'toString'];
const LOGICAL: Json[] = [
  { type: 'long', logicalType: 'timestamp-millis' },
  { type: 'long', logicalType: 'timestamp-micros' },
  { type: 'long', logicalType: 'local-timestamp-millis' },
  { type: 'int', logicalType: 'date' },
  { type: 'int', logicalType: 'time-millis' },
  { type: 'long', logicalType: 'time-micros' },
  { type: 'string', logicalType: 'uuid' },
  { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 3 },
];

export interface Corpus {
  /** Path (relative to a schemas folder) → file text. */
  readonly files: Record<string, string>;
}

export function makeCorpus(count = 500, seed = 42): Corpus {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const files: Record<string, string> = {};

  // Shared types every namespace refers to, across files: an enum, a fixed and the same short name twice.
  const shared = [
    { type: 'enum', name: 'corpus.common.Status', symbols: ['ACTIVE', 'INACTIVE', 'constructor', '__proto__', 'UNKNOWN'], default: 'UNKNOWN' },
    { type: 'fixed', name: 'corpus.common.Hash', size: 16 },
    { type: 'record', name: 'corpus.common.Event', fields: [{ name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } }, { name: 'label', type: 'string' }] },
    { type: 'record', name: 'corpus.audit.Event', fields: [{ name: 'actor', type: 'string' }, { name: 'hash', type: 'corpus.common.Hash' }] },
    {
      type: 'record', name: 'corpus.common.Node', doc: 'A recursive list: the next node, or null. Contains */ on purpose.',
      fields: [{ name: 'value', type: 'int' }, { name: 'next', type: ['null', 'Node'], default: null }],
    },
    { type: 'fixed', name: 'corpus.common.Span', size: 12, logicalType: 'duration' },
    { type: 'fixed', name: 'corpus.common.Money', size: 8, logicalType: 'decimal', precision: 18, scale: 2 },
  ];
  files['common.avsc'] = JSON.stringify(shared, null, 2);

  const defined: string[] = [];
  for (let i = 0; i < count; i++) {
    const ns = `corpus.ns${i % 25}`;
    const name = `Entity${i}`;
    let local = 0;
    const localName = (prefix: string): string => `${prefix}${i}x${local++}`;

    const primitive = (): { type: Json; def: Json } =>
      pick<{ type: Json; def: Json }>([
        { type: 'int', def: int(-1000, 1000) },
        { type: 'long', def: 1234567890123 },
        { type: 'string', def: 'naïve ✓' },
        { type: 'boolean', def: true },
        { type: 'double', def: 2.5 },
        { type: 'float', def: -1.25 },
        { type: 'bytes', def: '\u00ff\u0000\u0010' },
        { type: 'null', def: null },
      ]);

    const fieldType = (depth: number): { type: Json; def?: Json } => {
      const r = rnd();
      if (r < 0.3) return primitive();
      if (r < 0.4) return { type: pick(LOGICAL) };
      if (r < 0.5) return { type: ['null', pick(['string', 'long', 'corpus.common.Event', 'corpus.common.Hash'])], def: null };
      if (r < 0.56) return { type: 'corpus.common.Status', def: 'ACTIVE' };
      if (r < 0.6) return { type: pick(['corpus.common.Node', 'corpus.audit.Event', 'corpus.common.Span', 'corpus.common.Money']) };
      if (r < 0.66 && depth < 2) {
        const fields = Array.from({ length: int(1, 4) }, (_, k) => ({ name: `n${k}`, ...fieldType(depth + 1) }));
        return { type: { type: 'record', name: localName('Nested'), fields } };
      }
      if (r < 0.72) {
        const items = depth < 2 ? fieldType(depth + 1).type : 'string';
        return { type: { type: 'array', items }, def: [] };
      }
      if (r < 0.78) {
        const values = depth < 2 ? fieldType(depth + 1).type : 'int';
        return { type: { type: 'map', values }, def: {} };
      }
      if (r < 0.86) {
        // A union of several records (wrapped), sometimes inside an array or a map.
        const branches: Json[] = ['null', 'corpus.common.Event', 'corpus.audit.Event',
          { type: 'record', name: localName('Choice'), fields: [{ name: 'score', type: 'double' }] }];
        const union = rnd() < 0.5 ? branches : ['string', 'int', { type: 'array', items: 'string' }];
        const w = rnd();
        if (w < 0.33) return { type: { type: 'array', items: union } };
        if (w < 0.66) return { type: { type: 'map', values: union } };
        return { type: union };
      }
      // References to other entities go through a nullable union, as real schemas do: a required reference chain
      // would make every value contain every entity it reaches.
      if (r < 0.9 && defined.length > 0) return { type: ['null', pick(defined.slice(-40))], def: null };
      if (r < 0.95) {
        return { type: { type: 'enum', name: localName('Kind'), symbols: ['A', 'B', 'toString', 'C'], default: 'A' }, def: 'B' };
      }
      return { type: { type: 'fixed', name: localName('Blob'), size: int(1, 8) } };
    };

    const nFields = int(5, 30);
    const fields: Json[] = [];
    for (let f = 0; f < nFields; f++) {
      const fname = rnd() < 0.05 ? RESERVED_FIELD_NAMES[f % RESERVED_FIELD_NAMES.length]! : `field${f}`;
      if (fields.some((x) => (x as { name: string }).name === fname)) continue;
      const t = fieldType(0);
      const field: { [k: string]: Json } = { name: fname, type: t.type };
      if (t.def !== undefined && rnd() < 0.6) field.default = t.def;
      if (rnd() < 0.15) field.doc = `Field ${f} of ${name}.`;
      fields.push(field);
    }
    const schema = { type: 'record', name, namespace: ns, doc: rnd() < 0.5 ? `Entity number ${i}.` : undefined, fields };
    files[`ns${i % 25}/${name.toLowerCase()}.avsc`] = JSON.stringify(schema, null, 2);
    defined.push(`${ns}.${name}`);
  }
  return { files };
}
