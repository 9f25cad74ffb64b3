/** The Confluent REST client over an in-process fake: requests on the wire, answers mapped to coded errors, caching. */
import { describe, expect, test } from 'vitest';
import { normaliseRegistryOptions, RegistryClient, SCHEMA_REGISTRY_CONTENT_TYPE } from '../../runtime/registry/index.js';
import { FakeRegistry } from './fake-registry.js';

const SCHEMA = { type: 'record', name: 'a.B', fields: [{ name: 'x', type: 'int' }] } as const;

function setup(timeoutMs = 1000): { fake: FakeRegistry; client: RegistryClient } {
  const fake = new FakeRegistry();
  const client = new RegistryClient(normaliseRegistryOptions({ url: fake.base, fetch: fake.fetch, timeoutMs, headers: { authorization: 'Bearer t' } }, {}));
  return { fake, client };
}

const status = (code: number, body: unknown) => () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status: code });

describe('registry client', () => {
  test('register: POST /subjects/{subject}/versions with the schema text, Confluent content type, extra headers', async () => {
    const { fake, client } = setup();
    const id = await client.register('orders/v1-value', SCHEMA);
    expect(fake.requests).toEqual([
      {
        method: 'POST',
        path: '/subjects/orders/v1-value/versions',
        headers: { accept: `${SCHEMA_REGISTRY_CONTENT_TYPE}, application/json`, 'content-type': SCHEMA_REGISTRY_CONTENT_TYPE, authorization: 'Bearer t' },
        body: { schema: JSON.stringify(SCHEMA) },
      },
    ]);
    expect(await client.register('orders/v1-value', SCHEMA)).toBe(id);
    expect(fake.requests).toHaveLength(1);
    // The schema we registered is known by id without asking.
    expect(await client.schemaById(id)).toEqual(SCHEMA);
    expect(fake.requests).toHaveLength(1);
  });

  test('register: an answer whose id is not a whole non-negative number is REGISTRY_BAD_RESPONSE', async () => {
    for (const id of ['7', -1, 1.5, 2 ** 32, null]) {
      const { fake, client } = setup();
      fake.override(/POST \/subjects\/.+\/versions/, status(200, { id }));
      await expect(client.register('s-value', SCHEMA)).rejects.toMatchObject({
        code: 'REGISTRY_BAD_RESPONSE',
        message: expect.stringContaining(`the answer has no schema id: ${JSON.stringify({ id })}`),
      });
    }
    const { fake, client } = setup();
    fake.override(/POST \/subjects\/.+\/versions/, status(200, { id: 0 }));
    expect(await client.register('s-value', SCHEMA)).toBe(0);
  });

  test('schemaById: an explicit AVRO schemaType and an empty references list are plain Avro schemas', async () => {
    const { fake, client } = setup();
    fake.override(/GET \/schemas\/ids\/7/, status(200, { schema: JSON.stringify(SCHEMA), schemaType: 'AVRO', references: [] }));
    expect(await client.schemaById(7)).toEqual(SCHEMA);
    fake.override(/GET \/schemas\/ids\/8/, status(200, { schema: JSON.stringify(SCHEMA), references: [{ name: 'x', subject: 'y', version: 1 }] }));
    await expect(client.schemaById(8)).rejects.toMatchObject({ code: 'UNSUPPORTED_SCHEMA_TYPE' });
  });

  test('the subject is URL-encoded in the path', async () => {
    const { fake, client } = setup();
    let raw = '';
    fake.override(/./, (req) => {
      raw = req.path;
      return new Response('{"id": 1}', { status: 200 });
    });
    await client.register('a/b c', SCHEMA);
    expect(raw).toBe('/subjects/a/b c/versions'); // decoded by the fake; the wire form is checked below
    const seen: string[] = [];
    const spy = new RegistryClient(
      normaliseRegistryOptions({ url: 'http://r', fetch: async (u) => (seen.push(String(u)), new Response('{"id": 1}')) }, {}),
    );
    await spy.register('a/b c', SCHEMA);
    expect(seen).toEqual(['http://r/subjects/a%2Fb%20c/versions']);
  });

  test('lookup: the id when registered; SCHEMA_NOT_REGISTERED naming subject and registry when not', async () => {
    const { fake, client } = setup();
    const id = fake.put('orders-value', SCHEMA);
    expect(await client.lookup('orders-value', SCHEMA)).toBe(id);
    await expect(client.lookup('payments-value', SCHEMA)).rejects.toThrow(
      `schema registry ${fake.base}: subject 'payments-value' does not exist (policy lookup-only: register the schema before deploying; registry said: Subject 'payments-value' not found.)`,
    );
    const other = { ...SCHEMA, name: 'a.C' };
    await expect(client.lookup('orders-value', other)).rejects.toMatchObject({
      code: 'SCHEMA_NOT_REGISTERED',
      retriable: false,
      message: expect.stringContaining("the schema is not registered under subject 'orders-value'"),
    });
  });

  test('schemaById: fetched once, shared by concurrent callers; a failure is not cached', async () => {
    const { fake, client } = setup();
    const id = fake.put('x-value', SCHEMA);
    const [a, b] = await Promise.all([client.schemaById(id), client.schemaById(id)]);
    expect(a).toEqual(SCHEMA);
    expect(b).toBe(a);
    expect(fake.requests.filter((r) => r.path === `/schemas/ids/${id}`)).toHaveLength(1);
    await expect(client.schemaById(999)).rejects.toMatchObject({ code: 'SCHEMA_ID_NOT_FOUND', message: expect.stringContaining('no schema with id 999') });
    const failing = setup();
    failing.fake.override(/GET \/schemas\/ids\/7/, status(503, { error_code: 50301, message: 'busy' }));
    await expect(failing.client.schemaById(7)).rejects.toMatchObject({ code: 'REGISTRY_SERVER_ERROR', retriable: true });
    failing.fake.override(/GET \/schemas\/ids\/7/, status(200, { schema: '"string"' }));
    expect(await failing.client.schemaById(7)).toBe('string');
  });

  test.each([
    ['409', status(409, { error_code: 409, message: 'Schema being registered is incompatible' }), 'SCHEMA_REJECTED', false, 'HTTP 409: Schema being registered is incompatible'],
    ['500', status(500, { error_code: 50001, message: 'store failed' }), 'REGISTRY_SERVER_ERROR', true, 'HTTP 500: store failed'],
    ['401', status(401, 'Unauthorized'), 'REGISTRY_REQUEST_REJECTED', false, 'HTTP 401: Unauthorized'],
    ['422', status(422, { error_code: 42201, message: 'Invalid schema' }), 'REGISTRY_REQUEST_REJECTED', false, 'HTTP 422: Invalid schema'],
    ['200, not JSON', status(200, '<html>'), 'REGISTRY_BAD_RESPONSE', false, 'HTTP 200 with a body that is not JSON: <html>'],
    ['200, no id', status(200, { ok: true }), 'REGISTRY_BAD_RESPONSE', false, 'the answer has no schema id: {"ok":true}'],
    ['404 on register', status(404, { error_code: 404, message: 'HTTP 404 Not Found' }), 'REGISTRY_REQUEST_REJECTED', false, 'HTTP 404 Not Found (error 404)'],
  ])('register answered %s: %s', async (_, answer, code, retriable, detail) => {
    const { fake, client } = setup();
    fake.override(/POST/, answer);
    const err = await client.register('s', SCHEMA).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'UnilogError', code, retriable });
    expect((err as Error).message).toBe(`schema registry ${fake.base}: POST /subjects/s/versions: ${detail}`);
  });

  test('unreachable: REGISTRY_UNREACHABLE with the URL, the reason and the cause', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const client = new RegistryClient(
      normaliseRegistryOptions({ url: 'http://127.0.0.1:9', fetch: async () => Promise.reject(new TypeError('fetch failed', { cause: refused })) }, {}),
    );
    const err = await client.schemaById(3).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'REGISTRY_UNREACHABLE', retriable: true });
    expect((err as Error).message).toBe('schema registry http://127.0.0.1:9: GET /schemas/ids/3: cannot reach the registry (connect ECONNREFUSED 127.0.0.1:9)');
    expect(((err as Error).cause as Error).cause).toBe(refused);
  });

  test('no answer within timeoutMs: REGISTRY_TIMEOUT', async () => {
    // Accepts the request and never answers; only the abort signal ends the wait.
    const hang = new RegistryClient(
      normaliseRegistryOptions(
        {
          url: 'http://r',
          timeoutMs: 50,
          fetch: (_u, init) => new Promise((_, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason))),
        },
        {},
      ),
    );
    await expect(hang.register('s', SCHEMA)).rejects.toMatchObject({
      code: 'REGISTRY_TIMEOUT',
      retriable: true,
      message: 'schema registry http://r: POST /subjects/s/versions: no answer within 50 ms',
    });
  });

  test.each([
    [{ schema: '{}', schemaType: 'PROTOBUF' }, 'UNSUPPORTED_SCHEMA_TYPE', 'schema 5 is PROTOBUF, not AVRO'],
    [{ schema: '"string"', references: [{ name: 'x', subject: 's', version: 1 }] }, 'UNSUPPORTED_SCHEMA_TYPE', 'uses schema references'],
    [{ schema: '{not json' }, 'REGISTRY_BAD_RESPONSE', 'the schema text is not JSON'],
    [{}, 'REGISTRY_BAD_RESPONSE', 'the answer has no schema text'],
  ])('schemaById answered %j: %s', async (body, code, detail) => {
    const { fake, client } = setup();
    fake.override(/GET/, status(200, body));
    await expect(client.schemaById(5)).rejects.toMatchObject({ code, message: expect.stringContaining(detail) });
  });
});

describe('registry client: what a user reads when something is off', () => {
  test('the Confluent content type on the wire; a GET carries neither a body nor a content type', async () => {
    const fake = new FakeRegistry();
    const id = fake.put('x-value', SCHEMA);
    await new RegistryClient(normaliseRegistryOptions({ url: fake.base, fetch: fake.fetch }, {})).schemaById(id);
    expect(SCHEMA_REGISTRY_CONTENT_TYPE).toBe('application/vnd.schemaregistry.v1+json');
    expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', headers: { accept: 'application/vnd.schemaregistry.v1+json, application/json' } });
    expect(Object.keys(fake.requests.at(-1)!.headers)).toEqual(['accept']);
  });

  test('a network error without a cause is reported by its own message', async () => {
    const client = new RegistryClient(normaliseRegistryOptions({ url: 'http://r', fetch: async () => Promise.reject(new Error('socket hang up')) }, {}));
    await expect(client.schemaById(3)).rejects.toMatchObject({
      code: 'REGISTRY_UNREACHABLE',
      message: 'schema registry http://r: GET /schemas/ids/3: cannot reach the registry (socket hang up)',
    });
  });

  test('a fetch that aborts (AbortError, as from a caller-supplied fetch or agent) is REGISTRY_TIMEOUT', async () => {
    const client = new RegistryClient(
      normaliseRegistryOptions({ url: 'http://r', timeoutMs: 70, fetch: async () => Promise.reject(new DOMException('aborted', 'AbortError')) }, {}),
    );
    await expect(client.schemaById(3)).rejects.toMatchObject({ code: 'REGISTRY_TIMEOUT', message: 'schema registry http://r: GET /schemas/ids/3: no answer within 70 ms' });
  });

  test('a long body that is not JSON (a proxy\'s HTML page) is cut to its first 200 characters', async () => {
    const page = `<html>${'x'.repeat(1000)}</html>`;
    for (const code of [502, 200]) {
      const { fake, client } = setup();
      fake.override(/POST/, status(code, page));
      const err = (await client.register('s', SCHEMA).catch((e: unknown) => e)) as Error;
      expect(err.message.endsWith(`: ${page.slice(0, 200)}`)).toBe(true);
    }
  });

  test('a 404 whose body is not a registry error (a proxy\'s page): not registered, reported as error 404', async () => {
    const { fake, client } = setup();
    fake.override(/POST/, status(404, 'Not Found'));
    await expect(client.lookup('s', SCHEMA)).rejects.toMatchObject({
      code: 'SCHEMA_NOT_REGISTERED',
      message: expect.stringContaining("the schema is not registered under subject 's'"),
    });
    await expect(client.register('s', SCHEMA)).rejects.toMatchObject({
      code: 'REGISTRY_REQUEST_REJECTED',
      message: `schema registry ${fake.base}: POST /subjects/s/versions: Not Found (error 404)`,
    });
  });

  test('an answer of JSON null, or an id-less answer to a lookup, is REGISTRY_BAD_RESPONSE naming the request', async () => {
    const { fake, client } = setup();
    fake.override(/POST \/subjects\/s\/versions/, status(200, 'null'));
    await expect(client.register('s', SCHEMA)).rejects.toMatchObject({
      code: 'REGISTRY_BAD_RESPONSE',
      message: `schema registry ${fake.base}: POST /subjects/s/versions: the answer has no schema id: null`,
    });
    fake.override(/POST \/subjects\/s$/, status(200, { ok: true }));
    await expect(client.lookup('s', SCHEMA)).rejects.toMatchObject({
      code: 'REGISTRY_BAD_RESPONSE',
      message: `schema registry ${fake.base}: POST /subjects/s: the answer has no schema id: {"ok":true}`,
    });
  });

  test('the same schema registered under two subjects is registered under each', async () => {
    const { fake, client } = setup();
    await client.register('a-value', SCHEMA);
    await client.register('b-value', SCHEMA);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /subjects/a-value/versions', 'POST /subjects/b-value/versions']);
  });

  test('schema text that is not JSON: the message names the request, the cause is the parse error', async () => {
    const { fake, client } = setup();
    fake.override(/GET/, status(200, { schema: '{not json' }));
    const err = (await client.schemaById(5).catch((e: unknown) => e)) as Error;
    expect(err.message).toBe(`schema registry ${fake.base}: GET /schemas/ids/5: the schema text is not JSON`);
    expect(err.cause).toBeInstanceOf(SyntaxError);
  });

  test('the url must be http or https', () => {
    expect(normaliseRegistryOptions({ url: 'https://registry.example:8081' }, {}).url).toBe('https://registry.example:8081');
    expect(normaliseRegistryOptions({ url: 'http://registry.example:8081' }, {}).url).toBe('http://registry.example:8081');
    expect(() => normaliseRegistryOptions({ url: 'ftp://registry.example' }, {})).toThrow(/url must be http\(s\), found ftp:/);
  });
});

describe('registry client: versions and compatibility levels', () => {
  test('versionOf: id and version when registered, not-registered, no-subject; an answer without a version is version 0', async () => {
    const { fake, client } = setup();
    const id = fake.put('users-value', SCHEMA);
    expect(await client.versionOf('users-value', SCHEMA)).toEqual({ id, version: 1 });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: '/subjects/users-value', body: { schema: JSON.stringify(SCHEMA) } });
    expect(await client.versionOf('users-value', { ...SCHEMA, name: 'a.C' })).toBe('not-registered');
    expect(await client.versionOf('payments-value', SCHEMA)).toBe('no-subject');
    fake.override(/POST \/subjects\/v0$/, status(200, { id: 4 }));
    expect(await client.versionOf('v0', SCHEMA)).toEqual({ id: 4, version: 0 });
    fake.override(/POST \/subjects\/bad$/, status(200, { version: 1 }));
    await expect(client.versionOf('bad', SCHEMA)).rejects.toMatchObject({
      code: 'REGISTRY_BAD_RESPONSE',
      message: `schema registry ${fake.base}: POST /subjects/bad: the answer has no schema id: {"version":1}`,
    });
  });

  test('compatibility: the subject\'s own level, undefined without one, REGISTRY_BAD_RESPONSE for an answer without a level', async () => {
    const { fake, client } = setup();
    expect(await client.compatibility('users-value')).toBeUndefined();
    await client.setCompatibility('users-value', 'FULL');
    expect(fake.requests.at(-1)).toMatchObject({ method: 'PUT', path: '/config/users-value', body: { compatibility: 'FULL' } });
    expect(await client.compatibility('users-value')).toBe('FULL');
    fake.override(/GET \/config\/old/, status(200, { compatibility: 'NONE' }));
    expect(await client.compatibility('old')).toBe('NONE');
    fake.override(/GET \/config\/odd/, status(200, { ok: true }));
    await expect(client.compatibility('odd')).rejects.toMatchObject({
      code: 'REGISTRY_BAD_RESPONSE',
      message: `schema registry ${fake.base}: GET /config/odd?defaultToGlobal=false: the answer has no compatibility level: {"ok":true}`,
    });
    fake.override(/PUT \/config\/locked/, status(404, { error_code: 40401, message: 'Subject not found' }));
    await expect(client.setCompatibility('locked', 'FULL')).rejects.toMatchObject({
      code: 'REGISTRY_REQUEST_REJECTED',
      message: `schema registry ${fake.base}: PUT /config/locked: Subject not found (error 40401)`,
    });
  });

  test('schemaByVersion: id, version and schema, then known by id; SCHEMA_VERSION_NOT_FOUND naming subject and version', async () => {
    const { fake, client } = setup();
    fake.override(/GET \/subjects\/users-value\/versions\/latest/, status(200, { id: 9, version: 3, schema: JSON.stringify(SCHEMA) }));
    expect(await client.schemaByVersion('users-value', 'latest')).toEqual({ id: 9, version: 3, schema: SCHEMA });
    expect(await client.schemaById(9)).toEqual(SCHEMA);
    expect(fake.requests).toHaveLength(1);
    fake.override(/GET \/subjects\/v0\/versions\/1/, status(200, { id: 2, schema: '"string"' }));
    expect(await client.schemaByVersion('v0', 1)).toEqual({ id: 2, version: 0, schema: 'string' });
    fake.override(/GET \/subjects\/users-value\/versions\/7/, status(404, { error_code: 40402, message: 'Version 7 not found.' }));
    await expect(client.schemaByVersion('users-value', 7)).rejects.toMatchObject({
      code: 'SCHEMA_VERSION_NOT_FOUND',
      message: `schema registry ${fake.base}: GET /subjects/users-value/versions/7: subject 'users-value' has no version 7 (Version 7 not found.)`,
    });
    fake.override(/GET \/subjects\/p\/versions\/1/, status(200, { id: 5, schema: '{}', schemaType: 'PROTOBUF' }));
    await expect(client.schemaByVersion('p', 1)).rejects.toMatchObject({
      code: 'UNSUPPORTED_SCHEMA_TYPE',
      message: `schema registry ${fake.base}: GET /subjects/p/versions/1: p version 1 is PROTOBUF, not AVRO`,
    });
    fake.override(/GET \/subjects\/n\/versions\/1/, status(200, { schema: '"int"' }));
    await expect(client.schemaByVersion('n', 1)).rejects.toMatchObject({
      message: `schema registry ${fake.base}: GET /subjects/n/versions/1: the answer has no schema id: {"schema":"\\"int\\""}`,
    });
  });
});
