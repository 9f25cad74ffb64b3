// What the handlers ask of a search index, whichever holds it: the in-memory UserIndex (rebuilt from the users topic
// at start) or the OpenSearch index that users-indexer writes (OpenSearchUsers).
import type { UserSummary } from '../../../../generated/services/search-service.js';

export interface UserSearch {
  get(id: string): UserSummary | undefined | Promise<UserSummary | undefined>;
  /** Best matches first, at most `limit`. */
  search(q: string, limit: number): UserSummary[] | Promise<UserSummary[]>;
}
