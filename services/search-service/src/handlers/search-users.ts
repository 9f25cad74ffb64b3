import type { SearchServiceHandler } from '../../../../generated/services/search-service.js';
import type { AppContext } from '../context.js';

/**
 * GET /users/search
 * Users matching the query, best matches first: in memory, those whose username or display name contains it
 * (case-insensitive); with a search engine, full text on username, display name and bio.
 */
export const searchUsers: SearchServiceHandler<'searchUsers', AppContext> = async ({ query }, ctx) => ({
  query: query.q,
  results: await ctx.users.search(query.q, query.limit ?? 20),
});
