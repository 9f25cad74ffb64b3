/** Schemas the round-trip tests run through both implementations. */
import type { AvroSchema } from '../../../runtime/codec/index.js';

const PRIMITIVES = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'] as const;

export const primitiveSchemas: [string, AvroSchema][] = PRIMITIVES.map((p) => [p, p]);

export const logicalSchemas: [string, AvroSchema][] = [
  ['timestamp-millis', { type: 'long', logicalType: 'timestamp-millis' }],
  ['timestamp-micros', { type: 'long', logicalType: 'timestamp-micros' }],
  ['timestamp-nanos', { type: 'long', logicalType: 'timestamp-nanos' }],
  ['local-timestamp-millis', { type: 'long', logicalType: 'local-timestamp-millis' }],
  ['local-timestamp-micros', { type: 'long', logicalType: 'local-timestamp-micros' }],
  ['local-timestamp-nanos', { type: 'long', logicalType: 'local-timestamp-nanos' }],
  ['date', { type: 'int', logicalType: 'date' }],
  ['time-millis', { type: 'int', logicalType: 'time-millis' }],
  ['time-micros', { type: 'long', logicalType: 'time-micros' }],
  ['uuid', { type: 'string', logicalType: 'uuid' }],
  ['uuid on fixed', { type: 'fixed', name: 'U', size: 16, logicalType: 'uuid' }],
  ['decimal on bytes', { type: 'bytes', logicalType: 'decimal', precision: 20, scale: 4 }],
  ['decimal on fixed', { type: 'fixed', name: 'D', size: 8, logicalType: 'decimal', precision: 18, scale: 2 }],
  ['decimal scale 0', { type: 'bytes', logicalType: 'decimal', precision: 40 }],
  ['duration', { type: 'fixed', name: 'Dur', size: 12, logicalType: 'duration' }],
];

export const complexSchemas: [string, AvroSchema][] = [
  [
    'nested records',
    {
      type: 'record',
      name: 'User',
      namespace: 'com.example',
      fields: [
        { name: 'name', type: 'string' },
        { name: 'class', type: 'int' },
        {
          name: 'address',
          type: {
            type: 'record',
            name: 'Address',
            fields: [
              { name: 'city', type: 'string' },
              { name: 'zip', type: ['null', 'string'] },
            ],
          },
        },
        { name: 'previous', type: { type: 'array', items: 'Address' } },
        { name: 'hash', type: { type: 'fixed', name: 'Hash', namespace: 'other', size: 4 } },
        { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['A', 'B', 'C'] } },
      ],
    },
  ],
  ['array of unions', { type: 'array', items: ['null', 'int', 'string', { type: 'array', items: 'long' }] }],
  ['map of unions', { type: 'map', values: ['string', 'null', 'boolean', 'bytes', { type: 'map', values: 'double' }] }],
  ['wrapped union (int, long, string)', ['null', 'int', 'long', 'string']],
  [
    'wrapped union of two records',
    [
      { type: 'record', name: 'A', namespace: 'ns', fields: [{ name: 'x', type: 'int' }] },
      { type: 'record', name: 'B', namespace: 'ns', fields: [{ name: 'y', type: 'string' }] },
      'null',
    ],
  ],
  ['wrapped union record and map', [{ type: 'map', values: 'int' }, { type: 'record', name: 'R', fields: [] }]],
  ['unwrapped union of every bucket', ['null', 'boolean', 'double', 'string', 'bytes', { type: 'array', items: 'int' }, { type: 'map', values: 'int' }]],
  ['enum and string wrapped', [{ type: 'enum', name: 'E', symbols: ['X', 'Y'] }, 'string']],
  [
    'linked list',
    {
      type: 'record',
      name: 'Node',
      fields: [
        { name: 'value', type: 'long' },
        { name: 'next', type: ['null', 'Node'] },
      ],
    },
  ],
  [
    'tree',
    {
      type: 'record',
      name: 'Tree',
      namespace: 't',
      fields: [
        { name: 'label', type: 'string' },
        { name: 'children', type: { type: 'array', items: 't.Tree' } },
        { name: 'byName', type: { type: 'map', values: 'Tree' } },
      ],
    },
  ],
  ['fixed', { type: 'fixed', name: 'F', size: 3 }],
  ['fixed of size 0', { type: 'fixed', name: 'F0', size: 0 }],
];

/** Schemas avsc cannot take (it rejects or mishandles these names); round-tripped against hand-made bytes instead. */
export const awkwardNameSchemas: [string, AvroSchema][] = [
  ['enum symbol constructor', { type: 'enum', name: 'E', symbols: ['constructor', 'toString', '__proto__', 'hasOwnProperty'] }],
  [
    'fields named like Object.prototype',
    {
      type: 'record',
      name: 'R',
      fields: [
        { name: '__proto__', type: 'string' },
        { name: 'constructor', type: 'int' },
        { name: 'class', type: 'boolean' },
        { name: 'toString', type: ['null', 'string'] },
      ],
    },
  ],
  ['map with awkward keys', { type: 'map', values: 'int' }],
  ['record named __proto__ in a wrapped union', [{ type: 'record', name: '__proto__', fields: [] }, { type: 'map', values: 'int' }]],
];
