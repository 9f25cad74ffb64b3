// The join users-with-connections (schemas/joins.yaml): written by you, called by the join runtime for every users row
// whose row or related rows changed. Keep it pure: the same inputs must give the same output, so
// that a restart or a second instance writes the same records.
import type { UsersWithConnectionsFunction } from '../../../../generated/joins/users-with-connections.js';
import type { Ref } from '../../../../generated/types/com.state.common.js';
import type { UserConnection } from '../../../../generated/types/com.state.graph.js';

const byId = (a: Ref, b: Ref): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Only FOLLOW edges make following and followers; MUTE and BLOCK are connections too, but not follows. */
const follows = (c: UserConnection): boolean => c.kind === 'FOLLOW';

/** One record per user: whom they follow and who follows them, sorted by id, stamped with the latest change. */
export const usersWithConnections: UsersWithConnectionsFunction = (user, { following, followers }) => {
  const out = following.filter(follows).map((c) => c.followee).sort(byId);
  const in_ = followers.filter(follows).map((c) => c.follower).sort(byId);
  let updatedAt = user.updatedAt.getTime();
  for (const c of following) updatedAt = Math.max(updatedAt, c.since.getTime());
  for (const c of followers) updatedAt = Math.max(updatedAt, c.since.getTime());
  return { user, following: out, followers: in_, followerCount: in_.length, updatedAt: new Date(updatedAt) };
};
