/** How a topic's drift from the catalog reads, in `unilog topics` and in a service's start-up warnings. */
import { describe, expect, it } from 'vitest';
import { describeDrift } from '../../runtime/index.js';

describe('describeDrift', () => {
  it('names the topic, what the cluster has and what the catalog says', () => {
    expect(describeDrift({ topic: 'users', kind: 'missing' })).toBe('users: missing on the cluster');
    expect(describeDrift({ topic: 'users', kind: 'partitions', expected: 6, actual: 1 })).toBe('users: 1 partition on the cluster, 6 in the catalog');
    expect(describeDrift({ topic: 'users', kind: 'partitions', expected: 6, actual: 3 })).toBe('users: 3 partitions on the cluster, 6 in the catalog');
    expect(describeDrift({ topic: 'users', kind: 'cleanup-policy', expected: 'compact', actual: 'delete' })).toBe('users: cleanup.policy delete on the cluster, compact in the catalog');
    expect(describeDrift({ topic: 'users', kind: 'cleanup-policy', expected: 'compact', actual: '' })).toBe('users: cleanup.policy (none) on the cluster, compact in the catalog');
  });
});
