/**
 * A contract with readOnly/writeOnly properties and response schemas, as `unilog generate` emits it, served from
 * memory. `mode` makes the handler misbehave in the ways response handling must catch.
 */
import { pino } from 'pino';
import { defineContract } from '../../../runtime/service/contract/index.js';
import { createService, defineService, reply, type Service } from '../../../runtime/service/index.js';

interface Account { id: { readonly $read: string }; email: string; password: { readonly $write: string } }
type Json<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };
interface operations {
  createAccount: {
    parameters: { query?: { mode?: 'ok' | 'bad-email' }; header?: never; path?: never; cookie?: never };
    requestBody: { content: { 'application/json': Account } };
    responses: { 201: Json<Account> };
  };
}

const accountsContract = defineContract<operations>({
  name: 'accounts',
  title: 'Accounts',
  version: '1.0.0',
  operations: {
    createAccount: {
      operationId: 'createAccount',
      method: 'POST',
      path: '/accounts',
      query: { type: 'object', properties: { mode: { enum: ['ok', 'bad-email'] } } },
      body: { required: true, schema: { $ref: 'accounts#/$defs/Account' } },
      responses: { '201': { json: true, schema: { $ref: 'accounts#/$defs/Account' } } },
    },
  },
  schemas: {
    Account: {
      type: 'object',
      required: ['id', 'email', 'password'],
      properties: { id: { type: 'string', readOnly: true }, email: { type: 'string', format: 'email' }, password: { type: 'string', writeOnly: true } },
    },
  },
});

const accountsService = defineService({
  contract: accountsContract,
  handlers: {
    createAccount: ({ body, query }) => {
      // Handlers often answer with their stored record, internals and all.
      const stored = { id: 'a-1', email: body.email, password: body.password, internalNote: 'vip' };
      return reply(201, query.mode === 'bad-email' ? ({ ...stored, email: 42 } as unknown as typeof stored) : stored);
    },
  },
});

export function accountsServiceFor(server: Record<string, unknown> = {}): Promise<Service> {
  return createService(accountsService, {
    config: { server: { port: 0, host: '127.0.0.1', ...server }, admin: { port: 0 } },
    logger: pino({ level: 'silent' }),
  });
}
