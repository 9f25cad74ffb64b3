/**
 * Response validation (`server.validateResponses`, on unless NODE_ENV=production): a handler's success body is checked
 * against the response view of its declared schema before it is sent, and a mismatch becomes a 500 whose message
 * names the failing path, instead of a body that silently breaks the contract's callers. Validators are compiled on
 * first use of each (operation, status).
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ajvWithFormats } from '../ajv.js';
import type { ContractSpec, JsonSchema } from '../contract/spec.js';
import { schemaView, viewDefs, viewId } from '../contract/views.js';
import { HttpError } from './error-codes.js';
import { validationPath } from './error-handler.js';

export type ResponseCheck = (operationId: string, status: number, body: unknown) => void;

export function responseCheck(contract: ContractSpec): ResponseCheck {
  const ajv = ajvWithFormats({ strict: false, allowUnionTypes: true, logger: false });
  ajv.addSchema({ $id: viewId(contract.name, 'response'), $defs: viewDefs(contract, 'response') });
  const compiled = new Map<string, ValidateFunction | null>();
  return (operationId, status, body) => {
    const key = `${operationId} ${status}`;
    let validate = compiled.get(key);
    if (validate === undefined) {
      const schema: JsonSchema | undefined = contract.operations[operationId]?.responses[String(status)]?.schema;
      validate = schema === undefined ? null : ajv.compile(schemaView(schema, 'response', contract.name) as object);
      compiled.set(key, validate);
    }
    if (!validate || validate(body)) return;
    const issue = validate.errors![0] as ErrorObject;
    const path = validationPath('response', issue);
    throw new HttpError(500, 'RESPONSE_INVALID', `${operationId} answered ${status} with a body that breaks the contract: ${path} ${issue.message ?? 'is not valid'}`, { path });
  };
}
