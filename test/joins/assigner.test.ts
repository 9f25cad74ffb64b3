/** The join's assigner: partition p of every topic on one member, and a topic only to members subscribed to it. */
import { AssignerProtocol, type Cluster, type GroupMember } from 'kafkajs';
import { describe, expect, test } from 'vitest';
import { CoPartitionedAssigner } from '../../runtime/join/assigner.js';

const cluster = { findTopicPartitionMetadata: () => [0, 1, 2].map((partitionId) => ({ partitionId })) } as unknown as Cluster;
const member = (memberId: string, topics: string[]): GroupMember => ({
  memberId,
  memberMetadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.alloc(0) }),
});

async function assign(members: GroupMember[], topics: string[]): Promise<Record<string, Record<string, number[]>>> {
  const assigner = CoPartitionedAssigner({ cluster, groupId: 'g', logger: undefined as never });
  const out = await assigner.assign({ members, topics });
  return Object.fromEntries(out.map((a) => [a.memberId, AssignerProtocol.MemberAssignment.decode(a.memberAssignment)!.assignment]));
}

describe('CoPartitionedAssigner', () => {
  test('its protocol: the name every member of a join group must share, and the topics it reads', () => {
    const assigner = CoPartitionedAssigner({ cluster, groupId: 'g', logger: undefined as never });
    expect(assigner.name).toBe('unilog-co-partitioned');
    const { name, metadata } = assigner.protocol({ topics: ['t', 'o'] });
    expect(name).toBe('unilog-co-partitioned');
    expect(AssignerProtocol.MemberMetadata.decode(metadata)).toMatchObject({ topics: ['t', 'o'] });
  });

  test('a topic no member reads is assigned to none', async () => {
    expect(await assign([member('a', ['t']), member('b', ['t'])], ['t', 'nobody'])).toEqual({ a: { t: [0, 2] }, b: { t: [1] } });
  });

  test('partition p of both inputs goes to one member', async () => {
    expect(await assign([member('b', ['t', 'o']), member('a', ['t', 'o'])], ['t', 'o'])).toEqual({
      a: { t: [0, 2], o: [0, 2] },
      b: { t: [1], o: [1] },
    });
  });

  test("a member of the same group reading other topics gets none of these, and these members none of its", async () => {
    const members = [member('a', ['x.t', 'x.o']), member('b', ['y.t', 'y.o']), member('c', ['y.t', 'y.o'])];
    expect(await assign(members, ['x.t', 'x.o', 'y.t', 'y.o'])).toEqual({
      a: { 'x.t': [0, 1, 2], 'x.o': [0, 1, 2] },
      b: { 'y.t': [0, 2], 'y.o': [0, 2] },
      c: { 'y.t': [1], 'y.o': [1] },
    });
  });
});
