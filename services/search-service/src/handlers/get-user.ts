import { notImplemented } from 'unilog/runtime/service';
import type { SearchServiceHandler } from '../../../../generated/services/search-service.js';
import type { AppContext } from '../context.js';

/**
 * GET /users/{id}
 * One user by id.
 *
 * `request.params`, `request.query` and `request.body` are already validated against the contract. Return the success
 * body, or `reply(status, body)` for another declared response; throw `HttpError` for an error.
 */
export const getUser: SearchServiceHandler<'getUser', AppContext> = async (request, ctx) => {
  ctx.log.debug({ requestId: request.id }, 'getUser');
  throw notImplemented('getUser');
};
