// The search index: every user from the `users` topic, in memory. A replay of the compacted topic on start rebuilds it
// completely, so it needs no store of its own.
import type { UserSummary } from '../../../../generated/services/search-service.js';

export interface IndexedUser extends UserSummary {
  /** Lower-cased username and display name, for matching. */
  readonly keys: readonly string[];
}

export class UserIndex {
  private readonly users = new Map<string, IndexedUser>();

  get size(): number {
    return this.users.size;
  }

  put(user: UserSummary): void {
    this.users.set(user.id, { ...user, keys: [user.username.toLowerCase(), user.displayName.toLowerCase()] });
  }

  remove(id: string): void {
    this.users.delete(id);
  }

  get(id: string): UserSummary | undefined {
    const u = this.users.get(id);
    return u ? summary(u) : undefined;
  }

  /**
   * Users whose username or display name contains `q` (case-insensitive). Best first: an exact username, then a
   * username or display name that starts with `q`, then any other match; ties by username.
   */
  search(q: string, limit: number): UserSummary[] {
    const needle = q.toLowerCase();
    const hits: { user: IndexedUser; rank: number }[] = [];
    for (const user of this.users.values()) {
      const [username, displayName] = user.keys as [string, string];
      let rank: number;
      if (username === needle) rank = 0;
      else if (username.startsWith(needle) || displayName.startsWith(needle)) rank = 1;
      else if (username.includes(needle) || displayName.includes(needle)) rank = 2;
      else continue;
      hits.push({ user, rank });
    }
    hits.sort((a, b) => a.rank - b.rank || (a.user.username < b.user.username ? -1 : a.user.username > b.user.username ? 1 : 0));
    return hits.slice(0, limit).map((h) => summary(h.user));
  }
}

function summary(u: IndexedUser): UserSummary {
  return { id: u.id, username: u.username, displayName: u.displayName, bio: u.bio ?? null, verified: u.verified, followerCount: u.followerCount };
}
