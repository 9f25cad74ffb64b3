/**
 * Health checks, as in Dropwizard: named checks, each answering healthy or not with a message. `/healthcheck` runs
 * them all (in parallel, each within a timeout) and answers 200 when every one is healthy, 500 otherwise.
 */
import { UnilogError } from '../../errors.js';

export interface HealthResult {
  readonly healthy: boolean;
  readonly message?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Returns a result, or throws (unhealthy, with the error's message). */
export type HealthCheck = () => HealthResult | Promise<HealthResult>;

export interface HealthReport {
  readonly healthy: boolean;
  readonly checks: Readonly<Record<string, HealthResult & { readonly durationMs: number }>>;
}

export class HealthChecks {
  private readonly checks = new Map<string, HealthCheck>();

  constructor(private readonly timeoutMs = 5_000) {}

  register(name: string, check: HealthCheck): void {
    if (this.checks.has(name)) throw new UnilogError('ALREADY_REGISTERED', `health check '${name}' is registered twice`);
    this.checks.set(name, check);
  }

  names(): string[] {
    return [...this.checks.keys()];
  }

  async run(): Promise<HealthReport> {
    const entries = await Promise.all([...this.checks].map(async ([name, check]) => [name, await this.runOne(check)] as const));
    entries.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    return { healthy: entries.every(([, r]) => r.healthy), checks: Object.fromEntries(entries) };
  }

  private async runOne(check: HealthCheck): Promise<HealthResult & { durationMs: number }> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<HealthResult>((resolve) => {
      timer = setTimeout(() => resolve({ healthy: false, message: `no answer within ${this.timeoutMs} ms` }), this.timeoutMs);
    });
    try {
      const result = await Promise.race([Promise.resolve().then(check), timeout]);
      return { ...result, durationMs: Math.round(performance.now() - started) };
    } catch (e) {
      return { healthy: false, message: e instanceof Error ? e.message : String(e), durationMs: Math.round(performance.now() - started) };
    } finally {
      clearTimeout(timer);
    }
  }
}

export const healthy = (message?: string, details?: Readonly<Record<string, unknown>>): HealthResult => ({
  healthy: true,
  ...(message !== undefined ? { message } : {}),
  ...(details !== undefined ? { details } : {}),
});

export const unhealthy = (message: string, details?: Readonly<Record<string, unknown>>): HealthResult => ({
  healthy: false,
  message,
  ...(details !== undefined ? { details } : {}),
});
