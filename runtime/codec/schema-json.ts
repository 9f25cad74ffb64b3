/** Avro schemas in their JSON form, as given to `createCodec` (Avro specification, "Schema Declaration"). */
export type AvroPrimitiveName = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

export interface AvroField {
  name: string;
  type: AvroSchema;
  default?: unknown;
  aliases?: string[];
  doc?: string;
  order?: 'ascending' | 'descending' | 'ignore';
  [prop: string]: unknown;
}

export interface AvroRecordSchema {
  type: 'record' | 'error';
  name: string;
  namespace?: string;
  aliases?: string[];
  doc?: string;
  fields: AvroField[];
  [prop: string]: unknown;
}

export interface AvroEnumSchema {
  type: 'enum';
  name: string;
  namespace?: string;
  aliases?: string[];
  doc?: string;
  symbols: string[];
  default?: string;
  [prop: string]: unknown;
}

export interface AvroFixedSchema {
  type: 'fixed';
  name: string;
  namespace?: string;
  aliases?: string[];
  size: number;
  logicalType?: string;
  [prop: string]: unknown;
}

export interface AvroArraySchema {
  type: 'array';
  items: AvroSchema;
  [prop: string]: unknown;
}

export interface AvroMapSchema {
  type: 'map';
  values: AvroSchema;
  [prop: string]: unknown;
}

/** `{"type": "long", "logicalType": "timestamp-millis"}` and other annotated primitives or references. */
export interface AvroAnnotatedSchema {
  type: AvroPrimitiveName | string;
  logicalType?: string;
  [prop: string]: unknown;
}

export type AvroSchema =
  | string
  | AvroSchema[]
  | AvroRecordSchema
  | AvroEnumSchema
  | AvroFixedSchema
  | AvroArraySchema
  | AvroMapSchema
  | AvroAnnotatedSchema;
