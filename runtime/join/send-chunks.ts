/**
 * kafkajs 2.2.4 groups a send's records per partition by copying the partition's list for every record
 * (src/producer/groupMessagesPerPartition.js): quadratic in the records of one send. A join's outputs can be many at
 * once (every key a restored partition marked, the via records of a large batch): they go in sends of this size.
 */
export const SEND_CHUNK = 1000;

export function chunks<T>(items: readonly T[], size = SEND_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
