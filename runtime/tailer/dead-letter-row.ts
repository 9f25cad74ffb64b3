/**
 * The dead letter of a change whose row cannot be converted (convert.ts's UnmappableValue): the row as JSON, keyed by
 * its key columns, with the reason in unilog's dead-letter headers (docs/tailer.md).
 */
import type { Message } from 'kafkajs';
import { DEAD_LETTER_HEADERS } from '../kafka/dead-letter.js';
import { dateText, type Row, type UnmappableValue } from './convert.js';
import { columnsOf, type TailerDefinition } from './definition.js';

export function deadLetterMessage(def: TailerDefinition, row: Row, error: UnmappableValue): Message {
  const keyColumns = columnsOf({ ...def, value: [] }).map((c) => c.column);
  const key = JSON.stringify(Object.fromEntries(keyColumns.map((c) => [c, jsonSafe(row[c])])));
  return {
    key,
    value: JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, jsonSafe(v)]))),
    headers: {
      [DEAD_LETTER_HEADERS.error]: error.message.slice(0, 4096),
      [DEAD_LETTER_HEADERS.errorCode]: 'TAILER_UNMAPPABLE_VALUE',
      [DEAD_LETTER_HEADERS.topic]: def.topic.name,
      'unilog-source-table': `${def.table.schema}.${def.table.name}`,
    },
  };
}

function jsonSafe(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return `\\x${v.toString('hex')}`;
  if (v instanceof Date) return dateText(v);
  return v;
}
