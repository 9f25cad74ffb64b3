/**
 * Key partitioning compatible with the Java client: `toPositive(murmur2(serializedKey)) % numPartitions`
 * (`BuiltInPartitioner.partitionForKey`, `Utils.murmur2`, `Utils.toPositive` in org.apache.kafka). Keys are hashed as
 * the bytes on the wire, so a Java, Go (sarama with its murmur2 hasher) or kafkajs producer puts the same key in the
 * same partition. `murmur2` uses Math.imul, the exact 32-bit multiply Java's `int *` does.
 */
import type { ICustomPartitioner } from 'kafkajs';

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** Kafka's `Utils.murmur2`: a signed 32-bit hash of `data`. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = SEED ^ length;
  const end = length & ~3;
  for (let i = 0; i < end; i += 4) {
    let k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  switch (length & 3) {
    case 3:
      h ^= data[end + 2]! << 16;
    // falls through
    case 2:
      h ^= data[end + 1]! << 8;
    // falls through
    case 1:
      h ^= data[end]!;
      h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka's `Utils.toPositive`: clears the sign bit (not `Math.abs`). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

/** The partition the Java client's default partitioner picks for a serialized key. */
export function partitionForKey(keyBytes: Uint8Array, numPartitions: number): number {
  return toPositive(murmur2(keyBytes)) % numPartitions;
}

/**
 * kafkajs partitioner: an explicit partition wins, a key is hashed as above, a record without a key goes round-robin
 * over partitions with a leader (every unilog topic is keyed, so that branch is for completeness).
 */
export const JavaCompatiblePartitioner: ICustomPartitioner = () => {
  let counter = Math.floor(Math.random() * 0x7fffffff);
  return ({ partitionMetadata, message }) => {
    if (message.partition !== undefined && message.partition !== null) return message.partition;
    if (message.key !== undefined && message.key !== null) {
      const key = typeof message.key === 'string' ? Buffer.from(message.key) : message.key;
      return partitionForKey(key, partitionMetadata.length);
    }
    const available = partitionMetadata.filter((p) => p.leader >= 0);
    const pool = available.length > 0 ? available : partitionMetadata;
    counter = (counter + 1) & 0x7fffffff;
    return pool[counter % pool.length]!.partitionId;
  };
};
