/** A small contract written the way `unilog generate` emits one: the spec, and openapi-typescript's operation types. */
import { defineContract } from '../../../runtime/service/contract/index.js';

interface Pet { id: string; name: string; tags: string[] }
interface ErrorBody { error: { code: string; message: string; path?: string }; requestId: string }
type Json<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };

export interface operations {
  listPets: {
    parameters: { query?: { limit?: number; tag?: string }; header?: never; path?: never; cookie?: never };
    requestBody?: never;
    responses: { 200: Json<Pet[]> };
  };
  getPet: {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    requestBody?: never;
    responses: { 200: Json<Pet>; 400: Json<ErrorBody>; 404: Json<ErrorBody> };
  };
  createPet: {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    requestBody: { content: { 'application/json': { name: string; tags?: string[] } } };
    responses: { 201: Json<Pet>; 400: Json<ErrorBody>; 409: Json<ErrorBody> };
  };
  deletePet: {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    requestBody?: never;
    responses: { 204: { headers: { [name: string]: unknown }; content?: never }; 404: Json<ErrorBody> };
  };
  slow: {
    parameters: { query: { ms: number }; header?: never; path?: never; cookie?: never };
    requestBody?: never;
    responses: { 200: Json<{ waited: number }> };
  };
}

export const petsContract = defineContract<operations>({
  name: 'pets',
  title: 'Pets',
  version: '1.0.0',
  schemas: {
    Pet: {
      type: 'object',
      required: ['id', 'name', 'tags'],
      properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
    },
  },
  operations: {
    listPets: {
      operationId: 'listPets',
      method: 'GET',
      path: '/pets',
      query: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 }, tag: { type: 'string' } } },
      responses: { '200': { json: true } },
    },
    getPet: {
      operationId: 'getPet',
      method: 'GET',
      path: '/pets/{id}',
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
      responses: { '200': { json: true }, '400': { json: true }, '404': { json: true } },
    },
    createPet: {
      operationId: 'createPet',
      method: 'POST',
      path: '/pets',
      body: {
        required: true,
        schema: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1 }, tags: { type: 'array', items: { type: 'string', maxLength: 5 } } },
        },
      },
      responses: { '201': { json: true }, '400': { json: true }, '409': { json: true } },
    },
    deletePet: {
      operationId: 'deletePet',
      method: 'DELETE',
      path: '/pets/{id}',
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
      responses: { '204': { json: false }, '404': { json: true } },
    },
    slow: {
      operationId: 'slow',
      method: 'GET',
      path: '/slow',
      query: { type: 'object', required: ['ms'], properties: { ms: { type: 'integer', minimum: 0 } } },
      responses: { '200': { json: true } },
    },
  },
});
