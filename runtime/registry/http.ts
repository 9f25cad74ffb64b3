/**
 * One request to the Confluent REST API: timeout, content type, and every failure mapped to a coded error that names
 * the registry URL and the request. A 404 is an answer, not an error: callers decide what "not found" means.
 */
import { messageOf, UnilogError, type RuntimeErrorCode } from '../errors.js';
import type { RegistryContext } from './options.js';

export const SCHEMA_REGISTRY_CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

export type RegistryReply =
  | { readonly found: true; readonly body: unknown }
  | { readonly found: false; readonly errorCode: number; readonly message: string };

/** The reason under Node's `fetch failed` (e.g. `connect ECONNREFUSED 127.0.0.1:9`). */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause === undefined ? messageOf(error) : messageOf(cause);
}

function parse(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function registryMessage(body: unknown, text: string): string {
  const m = (body as { message?: unknown } | undefined)?.message;
  return typeof m === 'string' ? m : text.slice(0, 200);
}

export async function registryRequest(
  ctx: RegistryContext,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<RegistryReply> {
  const what = `${method} ${path}`;
  const fail = (code: RuntimeErrorCode, detail: string, cause?: unknown): UnilogError =>
    new UnilogError(code, `schema registry ${ctx.url}: ${what}: ${detail}`, { cause });
  let res: Response;
  let text: string;
  try {
    res = await ctx.fetch(`${ctx.url}${path}`, {
      method,
      headers: {
        accept: `${SCHEMA_REGISTRY_CONTENT_TYPE}, application/json`,
        ...(body === undefined ? {} : { 'content-type': SCHEMA_REGISTRY_CONTENT_TYPE }),
        ...ctx.headers,
      },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(ctx.timeoutMs),
    });
    text = await res.text();
  } catch (error) {
    const name = (error as { name?: unknown }).name;
    if (name === 'TimeoutError' || name === 'AbortError') throw fail('REGISTRY_TIMEOUT', `no answer within ${ctx.timeoutMs} ms`, error);
    throw fail('REGISTRY_UNREACHABLE', `cannot reach the registry (${networkReason(error)})`, error);
  }
  const parsed = parse(text);
  if (res.status === 200) {
    if (parsed === undefined) throw fail('REGISTRY_BAD_RESPONSE', `HTTP 200 with a body that is not JSON: ${text.slice(0, 200)}`);
    return { found: true, body: parsed };
  }
  const message = registryMessage(parsed, text);
  if (res.status === 404) {
    const errorCode = (parsed as { error_code?: unknown } | undefined)?.error_code;
    return { found: false, errorCode: typeof errorCode === 'number' ? errorCode : 404, message };
  }
  if (res.status === 409) throw fail('SCHEMA_REJECTED', `HTTP 409: ${message}`);
  if (res.status >= 500) throw fail('REGISTRY_SERVER_ERROR', `HTTP ${res.status}: ${message}`);
  throw fail('REGISTRY_REQUEST_REJECTED', `HTTP ${res.status}: ${message}`);
}
