/**
 * A kafkajs partition assigner that keeps partition p of every subscribed topic on one group member, which a join
 * needs (its state for key k lives where both inputs' partition of k is read). kafkajs's own assigners spread each
 * topic's partitions independently (FIELD-NOTES), so they would split a join's inputs across members. Members are
 * sorted by id and partition p goes to member p mod n, so adding members (up to the partition count) spreads the
 * work and a member leaving hands its partitions to the others at the next rebalance.
 */
import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';

export const CO_PARTITIONED_ASSIGNER = 'unilog-co-partitioned';

export const CoPartitionedAssigner: PartitionAssigner = ({ cluster }) => ({
  name: CO_PARTITIONED_ASSIGNER,
  version: 1,
  async assign({ members, topics }) {
    const sorted = members.map((m) => m.memberId).sort();
    const assignment = new Map<string, Record<string, number[]>>(sorted.map((id) => [id, {}]));
    for (const topic of topics) {
      for (const { partitionId } of cluster.findTopicPartitionMetadata(topic)) {
        const member = assignment.get(sorted[partitionId % sorted.length]!)!;
        (member[topic] ??= []).push(partitionId);
      }
    }
    return sorted.map((memberId) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 1, assignment: assignment.get(memberId)!, userData: Buffer.alloc(0) }),
    }));
  },
  protocol({ topics }) {
    return { name: CO_PARTITIONED_ASSIGNER, metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.alloc(0) }) };
  },
});
