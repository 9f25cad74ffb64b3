/** One key and value per example topic, written with the generated input types (`…Input`). */
import { randomUUID } from 'node:crypto';
import type {
  ActivityEventInput,
  OpinionInput,
  OpinionKeyInput,
  UserConnectionInput,
  UserConnectionKeyInput,
  UserInput,
  UserKeyInput,
  UserWithConnectionsInput,
  WellSaidInput,
  WellSaidKeyInput,
} from '../../generated/index.js';

const at = new Date(Date.UTC(2024, 4, 17, 12, 30));

export function userInput(id = randomUUID(), n = 0): UserInput {
  return {
    id,
    username: `ada${n}`,
    displayName: 'Ada Lovelace',
    email: n % 2 ? null : `ada${n}@example.com`,
    location: { lat: 51.5, lon: -0.12, placeName: 'London' },
    status: 'ACTIVE',
    followerCount: 42 + n,
    interests: ['maths', 'engines'],
    settings: { theme: 'dark' },
    avatar: new Uint8Array([1, 2, 3]),
    createdAt: at,
    updatedAt: new Date(at.getTime() + n),
  };
}

export function userKey(id: string): UserKeyInput {
  return { userId: id };
}

export function connection(): { key: UserConnectionKeyInput; value: UserConnectionInput } {
  const follower = randomUUID();
  const followee = randomUUID();
  return {
    key: { followerId: follower, followeeId: followee },
    value: { follower: { id: follower, kind: 'USER' }, followee: { id: followee, kind: 'USER' }, kind: 'FOLLOW', since: at },
  };
}

export function opinion(): { key: OpinionKeyInput; value: OpinionInput } {
  const id = randomUUID();
  return {
    key: { opinionId: id },
    value: { id, author: { id: randomUUID(), kind: 'USER' }, topic: 'Brexit', stance: 'AGAINST', strength: '7.25', words: ['no'], createdAt: at },
  };
}

export function wellSaid(): { key: WellSaidKeyInput; value: WellSaidInput } {
  const id = randomUUID();
  return {
    key: { wellSaidId: id },
    value: { id, user: { id: randomUUID(), kind: 'USER' }, opinion: { id: randomUUID(), kind: 'OPINION' }, createdAt: at },
  };
}

export function userWithConnections(): { key: UserKeyInput; value: UserWithConnectionsInput } {
  const id = randomUUID();
  return {
    key: { userId: id },
    value: { user: userInput(id), following: [{ id: randomUUID(), kind: 'USER' }], followerCount: 1, updatedAt: at },
  };
}

export function activity(): { key: string; value: ActivityEventInput } {
  return {
    key: randomUUID(),
    value: {
      eventId: randomUUID(),
      recipient: { id: randomUUID(), kind: 'USER' },
      activity: { 'com.state.feed.UserFollowed': { follower: { id: randomUUID(), kind: 'USER' } } },
      occurredAt: at,
    },
  };
}
