/** The dead letter of a row that cannot be converted (runtime/tailer/dead-letter-row.ts, docs/tailer.md). */
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { createCodec } from '../../runtime/index.js';
import { UnmappableValue } from '../../runtime/tailer/convert.js';
import type { TailerDefinition } from '../../runtime/tailer/definition.js';
import { deadLetterMessage } from '../../runtime/tailer/dead-letter-row.js';
import { defineTopic } from '../../runtime/topic.js';

const def: TailerDefinition = {
  name: 'events', table: { schema: 'shop', name: 'events' }, shape: 'row',
  topic: defineTopic({ name: 'events', key: createCodec('string'), value: createCodec('string'), visibility: 'shared', owner: 'o', partitions: 1, cleanupPolicy: 'compact', compatibility: 'BACKWARD' }),
  key: [{ field: ['id'], column: 'id', type: 'bytea', notNull: true, nullable: false, target: { kind: 'bytes' } }, { field: ['at'], column: 'at', type: 'timestamp with time zone', notNull: true, nullable: false, target: { kind: 'long', logical: 'timestamp-millis' } }],
  value: [{ field: ['n'], column: 'n', type: 'integer', notNull: true, nullable: false, target: { kind: 'int' } }],
};

describe('deadLetterMessage', () => {
  test('the row as JSON (bytea as \\x hex, timestamps as ISO text), keyed by its key columns, the reason in the headers', () => {
    const row = { id: Buffer.from([0xca, 0xfe]), at: new Date(Date.UTC(2024, 0, 2)), n: 7, note: null };
    const m = deadLetterMessage(def, row, new UnmappableValue('n', 'x'.repeat(5000)));
    expect(JSON.parse(m.key as string)).toEqual({ id: '\\xcafe', at: '2024-01-02T00:00:00.000Z' });
    expect(JSON.parse(m.value as string)).toEqual({ id: '\\xcafe', at: '2024-01-02T00:00:00.000Z', n: 7, note: null });
    expect(m.headers).toEqual({
      'unilog-error': `column n: ${'x'.repeat(5000)}`.slice(0, 4096),
      'unilog-error-code': 'TAILER_UNMAPPABLE_VALUE',
      'unilog-original-topic': 'events',
      'unilog-source-table': 'shop.events',
    });
  });

  test('a timestamp beyond JavaScript\'s range (the value that was unmappable) is dead-lettered, not a RangeError', () => {
    const beyond = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ)('290000-01-01 00:00:00+00');
    const m = deadLetterMessage(def, { id: Buffer.from([1]), at: beyond, n: 1 }, new UnmappableValue('at', 'Invalid Date is not a finite timestamp'));
    expect(JSON.parse(m.value as string)).toEqual({ id: '\\x01', at: 'Invalid Date', n: 1 });
  });
});
