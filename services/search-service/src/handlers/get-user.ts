import { notFound } from 'unilog/runtime/service';
import type { SearchServiceHandler } from '../../../../generated/services/search-service.js';
import type { AppContext } from '../context.js';

/**
 * GET /users/{id}
 * One user by id.
 */
export const getUser: SearchServiceHandler<'getUser', AppContext> = async ({ params }, ctx) => {
  const user = await ctx.users.get(params.id);
  if (!user) throw notFound(`no user ${params.id}`);
  return user;
};
