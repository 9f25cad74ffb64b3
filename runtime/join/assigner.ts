/**
 * A kafkajs partition assigner that keeps partition p of every subscribed topic on one group member, which a join
 * needs (its state for key k lives where both inputs' partition of k is read). kafkajs's own assigners spread each
 * topic's partitions independently (FIELD-NOTES), so they would split a join's inputs across members. The members
 * subscribed to a topic are sorted by id and its partition p goes to member p mod n, so adding members (up to the
 * partition count) spreads the work and a member leaving hands its partitions to the others at the next rebalance.
 * A topic goes only to members that subscribed to it (their metadata says which): a member of the same group id
 * that reads other topics (another topic prefix, an older version) gets none of these, and these members none of its.
 */
import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';

export const CO_PARTITIONED_ASSIGNER = 'unilog-co-partitioned';

export const CoPartitionedAssigner: PartitionAssigner = ({ cluster }) => ({
  name: CO_PARTITIONED_ASSIGNER,
  version: 1,
  async assign({ members, topics }) {
    const sorted = [...members].sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
    const subscribed = new Map(sorted.map((m) => [m.memberId, new Set(AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.topics ?? [])]));
    const assignment = new Map<string, Record<string, number[]>>(sorted.map((m) => [m.memberId, {}]));
    for (const topic of topics) {
      const readers = sorted.filter((m) => subscribed.get(m.memberId)!.has(topic));
      if (readers.length === 0) continue;
      for (const { partitionId } of cluster.findTopicPartitionMetadata(topic)) {
        const member = assignment.get(readers[partitionId % readers.length]!.memberId)!;
        (member[topic] ??= []).push(partitionId);
      }
    }
    return sorted.map(({ memberId }) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 1, assignment: assignment.get(memberId)!, userData: Buffer.alloc(0) }),
    }));
  },
  protocol({ topics }) {
    return { name: CO_PARTITIONED_ASSIGNER, metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.alloc(0) }) };
  },
});
