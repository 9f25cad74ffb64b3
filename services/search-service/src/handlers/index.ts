// Every operation of the contract and its handler. When the contract gains an operation, `unilog generate` adds its
// stub file and its line here; it never changes a line you wrote.
import type { SearchServiceHandlers } from '../../../../generated/services/search-service.js';
import type { AppContext } from '../context.js';
import { searchUsers } from './search-users.js';
import { getUser } from './get-user.js';

export const handlers: SearchServiceHandlers<AppContext> = {
  searchUsers,
  getUser,
};
