/**
 * What generated code tells the runtime about a service contract (OpenAPI 3): every operation with its method, path
 * and JSON Schemas, and the contract's named schemas. The generator normalises the OpenAPI document into this shape
 * (references to parameters, bodies and responses inlined; schema references kept as `<contract>#/$defs/<Name>`), so
 * neither the server nor the client reads OpenAPI at run time. `Ops` is openapi-typescript's `operations` interface of
 * the same contract: it only travels as a type.
 */
export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH';

/** A JSON Schema (draft-07 with `$defs`) as the generator normalised it. */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

export interface OperationSpec {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** The OpenAPI path template, e.g. `/users/{id}`. */
  readonly path: string;
  readonly summary?: string;
  /** Object schemas of the path, query and header parameters; absent when the operation has none. */
  readonly params?: JsonSchema;
  readonly query?: JsonSchema;
  readonly headers?: JsonSchema;
  /** The `application/json` request body. */
  readonly body?: { readonly required: boolean; readonly schema: JsonSchema };
  /** Declared response statuses (`200`, `404`, `default`), each with whether it has a JSON body, and its schema. */
  readonly responses: Readonly<Record<string, { readonly json: boolean; readonly schema?: JsonSchema }>>;
}

export interface ContractSpec {
  /** The contract's file name without extension (`search-service`); also the `$id` of its schemas. */
  readonly name: string;
  readonly title: string;
  readonly version: string;
  readonly operations: Readonly<Record<string, OperationSpec>>;
  /** `components.schemas`, normalised; referenced as `<name>#/$defs/<Schema>`. */
  readonly schemas: Readonly<Record<string, JsonSchema>>;
}

declare const operationsType: unique symbol;

/** A contract bound to its operation types. */
export interface Contract<Ops> extends ContractSpec {
  /** Phantom: never set at run time. */
  readonly [operationsType]?: Ops;
  readonly operations: { readonly [K in keyof Ops & string]: OperationSpec };
}

export type OperationsOf<C> = C extends Contract<infer Ops> ? Ops : never;

export function defineContract<Ops>(spec: ContractSpec): Contract<Ops> {
  return Object.freeze(spec) as Contract<Ops>;
}

/** The lowest declared 2xx status of an operation: what a handler's plain return value is sent with. */
export function primaryStatus(op: OperationSpec): number {
  let best = 0;
  for (const key of Object.keys(op.responses)) {
    const n = Number(key);
    if (n >= 200 && n < 300 && (best === 0 || n < best)) best = n;
  }
  return best || 200;
}
