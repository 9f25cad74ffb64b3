import type { SearchServiceHandler } from '../../../../generated/services/search-service.js';
import type { AppContext } from '../context.js';

/**
 * GET /users/search
 * Users whose username or display name contains the query (case-insensitive), best matches first.
 */
export const searchUsers: SearchServiceHandler<'searchUsers', AppContext> = ({ query }, ctx) => ({
  query: query.q,
  results: ctx.index.search(query.q, query.limit ?? 20),
});
