// Search Service: the contract, what the handlers need, and the handlers.
import { defineService } from 'unilog/runtime/service';
import { searchServiceContract } from '../../../generated/services/search-service.js';
import { appConfigSchema } from './config.js';
import { createContext } from './context.js';
import { handlers } from './handlers/index.js';

export const service = defineService({
  name: 'search-service',
  contract: searchServiceContract,
  appConfigSchema,
  setup: createContext,
  handlers,
});
