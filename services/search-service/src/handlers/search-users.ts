import { notImplemented } from 'unilog/runtime/service';
import type { SearchServiceHandler } from '../../../../generated/services/search-service.js';
import type { AppContext } from '../context.js';

/**
 * GET /users/search
 * Users whose username or display name contains the query (case-insensitive), best matches first.
 *
 * `request.params`, `request.query` and `request.body` are already validated against the contract. Return the success
 * body, or `reply(status, body)` for another declared response; throw `HttpError` for an error.
 */
export const searchUsers: SearchServiceHandler<'searchUsers', AppContext> = async (request, ctx) => {
  ctx.log.debug({ requestId: request.id }, 'searchUsers');
  throw notImplemented('searchUsers');
};
