// Answers from the OpenSearch index users-indexer keeps equal to users-with-connections (docs/indexer.md in unilog):
// full text on username, display name and bio, analysed as English so that "programmer" finds "programmers".
import type { Client } from '@opensearch-project/opensearch';
import type { UserSummary } from '../../../../generated/services/search-service.js';
import type { UserSearch } from './user-search.js';

/** The part of an indexed users-with-connections document this service reads. */
interface UserDocument {
  readonly user: { id: string; username: string; displayName: string; bio: string | null; verified: boolean; status: string };
  readonly followerCount: number;
}

export class OpenSearchUsers implements UserSearch {
  constructor(
    private readonly client: Client,
    private readonly index: string,
    private readonly excludeStatuses: readonly string[],
  ) {}

  async get(id: string): Promise<UserSummary | undefined> {
    const { body } = await this.client.search({
      index: this.index,
      body: { size: 1, query: { bool: { filter: [{ term: { 'user.id': id } }], must_not: this.excluded() } } },
    });
    const hit = body.hits.hits[0];
    return hit ? summary(hit._source as UserDocument) : undefined;
  }

  async search(q: string, limit: number): Promise<UserSummary[]> {
    const { body } = await this.client.search({
      index: this.index,
      body: {
        size: limit,
        query: {
          bool: {
            must: [{ multi_match: { query: q, fields: ['user.username^3', 'user.displayName^2', 'user.bio'] } }],
            // An exact username ranks first, as in the in-memory index.
            should: [{ term: { 'user.username.keyword': { value: q, boost: 10 } } }],
            must_not: this.excluded(),
          },
        },
        // Equal scores in a stable order, so that paging and tests see one answer.
        sort: ['_score', { 'user.id': 'asc' }],
      },
    });
    return body.hits.hits.map((h) => summary(h._source as UserDocument));
  }

  private excluded(): object[] {
    return this.excludeStatuses.length ? [{ terms: { 'user.status': [...this.excludeStatuses] } }] : [];
  }
}

function summary(d: UserDocument): UserSummary {
  const u = d.user;
  return { id: u.id, username: u.username, displayName: u.displayName, bio: u.bio ?? null, verified: u.verified, followerCount: d.followerCount };
}
