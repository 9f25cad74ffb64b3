/**
 * An `items` table tailed with the envelope shape: its Avro schemas as Debezium's Avro converter names them
 * (`<server>.<schema>.<table>.Key/Value/Envelope`, `io.debezium.connector.postgresql.Source`), a catalog and a
 * tailers.yaml. Shared by the generator's unit test and the runtime's integration test.
 */
export const ITEMS_SCHEMAS = `[
  { "type": "record", "name": "Key", "namespace": "shop.public.items",
    "fields": [{ "name": "id", "type": { "type": "string", "logicalType": "uuid" } }] },
  { "type": "record", "name": "Value", "namespace": "shop.public.items", "fields": [
    { "name": "id", "type": { "type": "string", "logicalType": "uuid" } },
    { "name": "name", "type": "string" },
    { "name": "qty", "type": "long" },
    { "name": "note", "type": ["null", "string"], "default": null } ] },
  { "type": "record", "name": "Source", "namespace": "io.debezium.connector.postgresql", "fields": [
    { "name": "version", "type": "string" }, { "name": "connector", "type": "string" }, { "name": "name", "type": "string" },
    { "name": "ts_ms", "type": "long" }, { "name": "snapshot", "type": ["null", "string"], "default": null },
    { "name": "db", "type": "string" }, { "name": "sequence", "type": ["null", "string"], "default": null },
    { "name": "schema", "type": "string" }, { "name": "table", "type": "string" },
    { "name": "txId", "type": ["null", "long"], "default": null }, { "name": "lsn", "type": ["null", "long"], "default": null },
    { "name": "xmin", "type": ["null", "long"], "default": null } ] },
  { "type": "record", "name": "Envelope", "namespace": "shop.public.items", "fields": [
    { "name": "before", "type": ["null", "Value"], "default": null },
    { "name": "after", "type": ["null", "Value"], "default": null },
    { "name": "source", "type": "io.debezium.connector.postgresql.Source" },
    { "name": "op", "type": "string" },
    { "name": "ts_ms", "type": ["null", "long"], "default": null },
    { "name": "transaction", "type": ["null", { "type": "record", "name": "Block", "namespace": "event", "fields": [
      { "name": "id", "type": "string" }, { "name": "total_order", "type": "long" }, { "name": "data_collection_order", "type": "long" } ] }],
      "default": null } ] }
]`;

export const ITEMS_CATALOG = `topics:
  - name: shop.public.items
    key: shop.public.items.Key
    value: shop.public.items.Envelope
    visibility: shared
    owner: shop-tailer
    partitions: 3
    cleanupPolicy: compact
`;

export const ITEMS_TAILERS = `tailers:
  - name: items
    table: public.items
    topic: shop.public.items
    shape: envelope
    key:
      id: id uuid not null
    value:
      id: id uuid not null
      name: name text not null
      qty: qty bigint not null
      note: note text
`;

export const ITEMS_TABLE = `CREATE TABLE items (id uuid PRIMARY KEY, name text NOT NULL, qty bigint NOT NULL, note text);
ALTER TABLE items REPLICA IDENTITY FULL;`;
