/**
 * The envelope shape: a topic whose value is Debezium's change event is checked for that layout, the mapping feeds the
 * row record of `before`/`after`, and the emitted definition names the `source` fields the tailer fills.
 */
import { describe, expect, test } from 'vitest';
import { parseCatalog } from '../../generator/catalog/load-catalog.js';
import { defaultTypeMapping } from '../../generator/config/type-mapping.js';
import { formatLocated } from '../../generator/diagnostics.js';
import { resolveSchemaDir } from '../../generator/resolve/resolve-schemas.js';
import { parseTailers } from '../../generator/tailers/load-tailers.js';
import { workDir, writeFiles } from '../support/generate-into.js';
import { ITEMS_CATALOG, ITEMS_SCHEMAS, ITEMS_TAILERS } from './envelope-fixture.js';

function check(schemas: string, tailers = ITEMS_TAILERS): { messages: string[]; source: readonly string[] | undefined } {
  const dir = workDir('tailer-envelope');
  writeFiles(dir, { 'items.avsc': schemas });
  const { set, diagnostics } = resolveSchemaDir(dir);
  expect(diagnostics.map(formatLocated)).toEqual([]);
  const { catalog } = parseCatalog(ITEMS_CATALOG, 'topics.yaml', set);
  const r = parseTailers(tailers, 'tailers.yaml', catalog, defaultTypeMapping());
  return { messages: r.diagnostics.map(formatLocated), source: r.declarations.tailers[0]?.envelopeSource };
}

describe('the envelope shape', () => {
  test("Debezium's layout is accepted; the mapping feeds the row record; every source field is filled", () => {
    const { messages, source } = check(ITEMS_SCHEMAS);
    expect(messages).toEqual([]);
    expect(source).toEqual(['version', 'connector', 'name', 'ts_ms', 'snapshot', 'db', 'sequence', 'schema', 'table', 'txId', 'lsn', 'xmin']);
  });

  test('a value without the layout is refused, every problem listed at the topic', () => {
    const broken = ITEMS_SCHEMAS
      .replace('{ "name": "op", "type": "string" }', '{ "name": "op", "type": "int" }')
      .replace('{ "name": "xmin", "type": ["null", "long"], "default": null }', '{ "name": "xmin", "type": "long" }, { "name": "shard", "type": "string" }')
      .replace('"name": "after", "type": ["null", "Value"]', '"name": "after", "type": ["null", "Key"]');
    expect(check(broken).messages).toEqual([
      "tailers.yaml:4:12: the envelope shape writes Debezium's change event into 'shop.public.items': 'before' and 'after' must hold the same record (found shop.public.items.Value and shop.public.items.Key)",
      "tailers.yaml:4:12: the envelope shape writes Debezium's change event into 'shop.public.items': 'op' must be a string (c, u, d, r)",
      "tailers.yaml:4:12: the envelope shape writes Debezium's change event into 'shop.public.items': source field 'xmin' must be a union of null and long, found long",
      "tailers.yaml:4:12: the envelope shape writes Debezium's change event into 'shop.public.items': source field 'shard' is not one the tailer fills (version, connector, name, ts_ms, snapshot, db, sequence, schema, table, txId, lsn, xmin) and has no default",
    ]);
  });

  test('the value mapping is checked against the row record, not the envelope', () => {
    const { messages } = check(ITEMS_SCHEMAS, ITEMS_TAILERS.replace('qty: qty bigint not null', 'quantity: qty bigint not null'));
    expect(messages).toEqual([
      "tailers.yaml:11:7: 'quantity': shop.public.items.Value has no field 'quantity' (it has id, name, qty, note)",
    ]);
  });
});
