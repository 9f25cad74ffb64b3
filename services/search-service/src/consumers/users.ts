import type { ConsumedRecord } from 'unilog/runtime/service';
import type { KeyOf, ValueOf } from 'unilog/runtime';
import type { topics } from '../../../../generated/topics.js';
import type { InMemoryContext } from '../context.js';

type Topic = (typeof topics)['users'];

/**
 * One record of `users`: The latest version of every user, keyed by user id. Compacted, so a replay rebuilds the full table.
 * `record.value` is null for a tombstone (the key was deleted). Throw to have the record retried.
 */
export async function onUsers(record: ConsumedRecord<KeyOf<Topic>, ValueOf<Topic>>, ctx: InMemoryContext): Promise<void> {
  const user = record.value;
  if (user === null || ctx.config.excludeStatuses.includes(user.status)) {
    ctx.index.remove(record.key.userId);
    return;
  }
  ctx.index.put({
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    bio: user.bio,
    verified: user.verified,
    followerCount: user.followerCount,
  });
}
