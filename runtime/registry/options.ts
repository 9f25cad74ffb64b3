/**
 * Registry options, normalised once into a fully required context: nothing deeper applies its own default.
 */
import { UnilogError } from '../errors.js';
import { fetchTrusting } from './tls-fetch.js';
import { SUBJECT_NAME_STRATEGIES, type SubjectNameStrategy, type SubjectStrategyName } from './subject-naming.js';

/**
 * `auto-register`: a producer registers its schema under the subject (returns the existing id when it is there).
 * `lookup-only`: a producer only looks its schema up, and fails with SCHEMA_NOT_REGISTERED when it is not there; for
 * production, where schemas are registered by CI, not by services.
 */
export type SchemaPolicy = 'auto-register' | 'lookup-only';

export interface RegistryOptions {
  /** Base URL of the Confluent REST API: `http://host:8081`, or Apicurio's `http://host:8080/apis/ccompat/v7`. */
  url: string;
  /** Default: `lookup-only` when `NODE_ENV` is `production`, else `auto-register`. */
  policy?: SchemaPolicy;
  /** Default `TopicNameStrategy`; a function for anything else. */
  subjectStrategy?: SubjectStrategyName | SubjectNameStrategy;
  /** Per request, default 10,000 ms. */
  timeoutMs?: number;
  /** Sent with every request (e.g. `authorization`). */
  headers?: Readonly<Record<string, string>>;
  /** PEM text of a CA to trust besides the system's, for a registry behind a private CA (`https://`). */
  ca?: string;
  /** Default: the global `fetch` (one that also trusts `ca` when given). For tests and proxies. */
  fetch?: typeof globalThis.fetch;
}

export interface RegistryContext {
  readonly url: string;
  readonly policy: SchemaPolicy;
  readonly subjectName: SubjectNameStrategy;
  readonly timeoutMs: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly fetch: typeof globalThis.fetch;
}

const POLICIES: readonly SchemaPolicy[] = ['auto-register', 'lookup-only'];

function invalid(message: string): UnilogError {
  return new UnilogError('INVALID_CONFIG', `schema registry options: ${message}`);
}

export function normaliseRegistryOptions(options: RegistryOptions, env: NodeJS.ProcessEnv = process.env): RegistryContext {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw invalid(`url must be an absolute http(s) URL, found ${JSON.stringify(options.url)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(`url must be http(s), found ${url.protocol}`);
  const policy = options.policy ?? (env['NODE_ENV'] === 'production' ? 'lookup-only' : 'auto-register');
  if (!POLICIES.includes(policy)) throw invalid(`policy must be one of ${POLICIES.join(', ')}, found ${JSON.stringify(policy)}`);
  const strategy = options.subjectStrategy ?? 'TopicNameStrategy';
  let subjectName: SubjectNameStrategy;
  if (typeof strategy === 'function') subjectName = strategy;
  else if (Object.hasOwn(SUBJECT_NAME_STRATEGIES, strategy)) subjectName = SUBJECT_NAME_STRATEGIES[strategy];
  else {
    throw invalid(`subjectStrategy must be one of ${Object.keys(SUBJECT_NAME_STRATEGIES).join(', ')} or a function, found ${JSON.stringify(strategy)}`);
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw invalid(`timeoutMs must be a positive number, found ${timeoutMs}`);
  return {
    url: options.url.replace(/\/+$/, ''),
    policy,
    subjectName,
    timeoutMs,
    headers: { ...options.headers },
    fetch: options.fetch ?? (options.ca === undefined ? globalThis.fetch : fetchTrusting(options.ca)),
  };
}
