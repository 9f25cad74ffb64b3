/** The pets contract served from memory: every kind of result a handler can give. */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { createService, defineService, HttpError, notFound, reply, type Service } from '../../../runtime/service/index.js';
import { petsContract } from './pets-contract.js';

interface Pet { id: string; name: string; tags: string[] }

export const petsService = defineService({
  contract: petsContract,
  setup: () => ({ pets: new Map<string, Pet>() }),
  handlers: {
    listPets: ({ query }, { pets }) => [...pets.values()].filter((p) => !query.tag || p.tags.includes(query.tag)).slice(0, query.limit),
    getPet: ({ params }, { pets }) => {
      const pet = pets.get(params.id);
      if (!pet) throw notFound(`no pet ${params.id}`);
      return pet;
    },
    createPet: ({ body }, { pets }) => {
      if ([...pets.values()].some((p) => p.name === body.name)) throw new HttpError(409, 'PET_EXISTS', `a pet named ${body.name} exists`);
      if (body.name === 'boom') throw new Error('secret internals');
      const pet = { id: randomUUID(), name: body.name, tags: body.tags ?? [] };
      pets.set(pet.id, pet);
      return reply(201, pet, { location: `/pets/${pet.id}` });
    },
    // No return: a 204 handler is `void` (a type error here if HandlerResult regressed).
    deletePet: async ({ params }, { pets }) => {
      if (!pets.delete(params.id)) throw notFound(`no pet ${params.id}`);
    },
    slow: async ({ query }) => {
      await sleep(query.ms);
      return { waited: query.ms };
    },
  },
});

export function petsServiceFor(config: Record<string, unknown> = {}): Promise<Service> {
  return createService(petsService, {
    config: { server: { port: 0, host: '127.0.0.1' }, admin: { port: 0 }, ...config },
    logger: pino({ level: 'silent' }),
  });
}
