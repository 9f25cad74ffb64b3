/**
 * Every code a generator diagnostic can carry, with what it means: one registry, as fastify keeps its error codes.
 * docs/diagnostics.md lists the same codes in the same order (test/generator/diagnostic-codes.test.ts holds the two
 * together). A new check adds its code here first; `diagnostic()` accepts no other.
 */
export const GENERATOR_CODES = {
  // Reading files
  NO_SCHEMAS: 'the schemas folder does not exist',
  NO_FILE: 'a schema file named on the command line cannot be read',
  MALFORMED_JSON: 'a schema file is not valid JSON',
  MALFORMED_YAML: 'a YAML file (config, catalog, contract, accept file, service marker) is not valid YAML',
  NO_CONFIG: 'the config file given with --config does not exist',
  INVALID_CONFIG: 'a key or value of the config, the catalog, an accept file or a service marker is unknown or invalid',
  // Avro schemas
  INVALID_TYPE: 'something stands where a type belongs that is neither a name, an object nor a union array',
  MISSING_ATTRIBUTE: "a schema lacks an attribute its type requires ('type', 'fields', 'symbols', 'size', 'items', 'values')",
  INVALID_ATTRIBUTE: 'an attribute has a value of the wrong kind',
  INVALID_NAME: 'a name, namespace, field name, enum symbol or alias breaks the Avro naming rules',
  INVALID_FIELD: 'a field is not an object with a name and a type',
  DUPLICATE_NAME: 'two files or schemas define the same full name',
  DUPLICATE_FIELD: 'a record has two fields of one name',
  DUPLICATE_SYMBOL: 'an enum lists one symbol twice',
  INVALID_DEFAULT: "a default value does not match its field's type",
  IGNORED_LOGICAL_TYPE: 'a warning: a known logical type on a type it cannot annotate, or with invalid attributes, is ignored (Avro spec; Java does the same)',
  UNSAFE_LONG_DEFAULT: "a long default beyond ±(2^53−1) with `long: number` (use `long: bigint`)",
  NESTED_UNION: 'a union directly contains another union',
  DUPLICATE_UNION_BRANCH: 'a union has two branches of one type',
  UNKNOWN_TYPE: 'a type name that no schema defines',
  JAVA_UNDEFINED_NAME: "a short name inside a namespace that Java's parser would read as namespace.name (write the full name)",
  // Topic catalog
  NO_CATALOG: 'the catalog the config names does not exist',
  UNKNOWN_SCHEMA: "a topic's key or value names no schema",
  DUPLICATE_TOPIC: 'the catalog lists one topic twice',
  // Service contracts
  INVALID_CONTRACT: 'a contract breaks OpenAPI 3 or a rule of unilog contracts',
  UNSUPPORTED_CONTRACT: 'a contract uses a part of OpenAPI that services do not support (media types, cookie parameters, TRACE)',
  DUPLICATE_CONTRACT: 'two contract files have the same name',
  DUPLICATE_OPERATION: 'a contract uses one operationId twice',
  INVALID_SCHEMA: "a contract's schema is not a mapping (or true/false)",
  UNRESOLVED_REF: 'a $ref names nothing in its contract',
  UNSUPPORTED_REF: 'a $ref points outside its contract',
  REF_CYCLE: "$refs that refer back to themselves and never reach a value",
  // Output
  OUTPUT_CONFLICT: 'a file of your own is where generate would write one',
  // unilog pack
  PACKAGE_COMPILE: 'the generated code of a package does not compile (unilog or @types/node missing where pack runs)',
  NPM_PACK_FAILED: '`npm pack` of the package folder failed',
  // Scaffolded services
  UNKNOWN_TOPIC: 'a service consumes or produces a topic the catalog does not list',
  INTERNAL_TOPIC: "a service consumes another service's internal topic",
  NOT_OWNER: 'a service produces to a topic another service owns',
  NO_CONTRACT: "a service marker's contract is not one generate reads",
  NO_HANDLERS_OBJECT: "a service's handlers/index.ts has no handlers object to add new operations to",
  REMOVED_OPERATION: "a handler whose operation the contract no longer has: remove it or restore the operation (generate writes nothing until then, so the service keeps building)",
  // Joins (schemas/joins.yaml)
  JOIN_DUPLICATE: 'joins.yaml declares one join name twice',
  JOIN_UNKNOWN_TOPIC: 'a join names a topic the catalog does not list',
  JOIN_UNKNOWN_FIELD: "a join's match field is not a field of its topic's value or key",
  JOIN_MATCH_TYPE: "a join's match field is not of the table key's type",
  JOIN_MATCH_IN_VALUE: 'a table-table join matches on a value field of the related topic (only its key fields are supported: a tombstone carries only the key)',
  JOIN_OUTPUT_NOT_OWNED: "a join's output topic is not owned by the join's owner",
  JOIN_OUTPUT_NOT_COMPACTED: 'a table join writes to an output topic that is not compacted',
  JOIN_TABLE_NOT_COMPACTED: "a join's table input is not a compacted topic",
  JOIN_KEY_SCHEMA_MISMATCH: 'co-partitioned join inputs have different key schemas',
  JOIN_NOT_COPARTITIONED: 'join inputs have different partition counts and no re-key topic',
  JOIN_REKEY_TOPIC_MISSING: 'a join that re-keys a table names no re-key topic in the catalog',
  JOIN_VIA_TOPIC: "a join's re-key (via) topic lacks what it needs in the catalog (internal, compacted, owned by the join's owner, the table's partition count)",
  JOIN_STUB_ORPHANED: 'a join service binds a join that joins.yaml no longer declares: remove the entry or restore the declaration (generate writes nothing until then)',
  TAILER_DUPLICATE: 'tailers.yaml declares one tailer name twice, or two tailers feed one topic',
  TAILER_UNKNOWN_TOPIC: 'a tailer names a topic the catalog does not list',
  TAILER_UNKNOWN_FIELD: "a tailer maps a field its topic's key or value does not have",
  TAILER_FIELD_UNMAPPED: "a field without a default is fed by no column of the tailer's table",
  TAILER_TYPE_MISMATCH: "a column's type does not convert to its field's type (or a constant does not fit it)",
  TAILER_NULLABLE_COLUMN: 'a nullable column feeds a field that cannot hold null',
  TAILER_TOPIC_NOT_COMPACTED: 'a row-shaped tailer writes to a topic that is not compacted (deletes are tombstones)',
  TAILER_ENVELOPE_SCHEMA: "an envelope-shaped tailer's topic value is not Debezium's change event (before, after, op, source, ts_ms)",
  // unilog check
  NO_ACCEPT_FILE: 'the accept file given with --accept does not exist',
  BASELINE: 'the baseline cannot be read: an unknown git ref, a missing folder, an unreachable registry',
} as const;

export type GeneratorCode = keyof typeof GENERATOR_CODES;
