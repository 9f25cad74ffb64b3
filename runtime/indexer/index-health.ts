/**
 * The health of one index, for a service's /healthcheck: a missing index is reported at once (the cluster health API
 * would wait 30 s for it to appear), a red one as unhealthy, and the engine's answer is bounded.
 */
import type { Client } from '@opensearch-project/opensearch';

export interface IndexHealth {
  readonly ok: boolean;
  readonly message: string;
}

export async function indexHealth(client: Client, index: string): Promise<IndexHealth> {
  if (!(await client.indices.exists({ index })).body) return { ok: false, message: `index ${index} does not exist` };
  const { body } = await client.cluster.health({ index, timeout: '2s' });
  return body.status === 'red' ? { ok: false, message: `index ${index} is red` } : { ok: true, message: `index ${index} ${body.status}` };
}
