/**
 * fastify's request validators, one ajv per kind of input. Path parameters, query strings and headers arrive as
 * strings, so they are coerced to the contract's types (`?limit=5` is 5). A JSON body already carries its types, and
 * ajv's coercion would quietly turn `{"text": 5}` into "5", `"false"` into false and `null` into "" or 0; a body is
 * therefore checked as it is, and a wrong type is a 400 with its path.
 * Two departures from fastify's defaults, both so that the contract means what it says:
 * - `additionalProperties: false` refuses an unknown property (400 naming it); fastify's `removeAdditional` would drop
 *   it silently. Where a contract does not say, JSON Schema's default holds: unknown properties are accepted.
 * - every error is collected (`allErrors`), so a 400 lists them all (the error handler reports the first ten). The
 *   work stays bounded by `server.bodyLimit`: validation is linear in the body's size either way.
 */
import type { Ajv, AnySchema, ValidateFunction } from 'ajv';
import { ajvWithFormats } from '../ajv.js';

const OPTIONS = {
  useDefaults: true,
  removeAdditional: false,
  addUsedSchema: false,
  allErrors: true,
  allowUnionTypes: true,
  strict: false,
  logger: false,
} as const;

/** What fastify passes for each schema of a route it compiles. */
interface ValidatedPart {
  readonly schema?: unknown;
  readonly httpPart?: string;
}

/** fastify's `schemaController.compilersFactory.buildValidator`: `externalSchemas` are those given to `addSchema`. */
export function buildRequestValidators(externalSchemas: Readonly<Record<string, unknown>>): (route: ValidatedPart) => ValidateFunction {
  const withSchemas = (ajv: Ajv): Ajv => {
    for (const schema of Object.values(externalSchemas)) ajv.addSchema(schema as AnySchema);
    return ajv;
  };
  const coercing = withSchemas(ajvWithFormats({ ...OPTIONS, coerceTypes: 'array' }));
  // Made on the first body schema: a contract without request bodies needs one instance, as fastify has.
  let exact: Ajv | undefined;
  return ({ schema, httpPart }) => {
    if (httpPart !== 'body') return compile(coercing, schema as AnySchema);
    exact ??= withSchemas(ajvWithFormats({ ...OPTIONS, coerceTypes: false }));
    return compile(exact, schema as AnySchema);
  };
}

function compile(ajv: Ajv, schema: AnySchema): ValidateFunction {
  // ajv refuses to compile two schemas with one $id; fastify's compiler reuses the first the same way.
  const id = typeof schema === 'object' && schema !== null ? (schema as { $id?: unknown }).$id : undefined;
  const stored = typeof id === 'string' ? ajv.getSchema(id) : undefined;
  return stored ?? ajv.compile(schema);
}
