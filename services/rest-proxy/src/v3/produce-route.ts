// `POST /v3/clusters/{cluster_id}/topics/{topic}/records` (Confluent REST v3, one record per request).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ProxyContext } from '../context.js';
import { ProxyError } from '../errors.js';
import { produce } from '../produce.js';
import type { WriterSchema } from '../schemas.js';
import { parseV3Request } from './produce-request.js';

export async function produceV3(ctx: ProxyContext, request: FastifyRequest<{ Params: { cluster: string; topic: string } }>, reply: FastifyReply): Promise<unknown> {
  const { cluster, topic: name } = request.params;
  const clusterId = await ctx.clusterId().catch((error: unknown) => {
    throw new ProxyError(50302, `cannot read the cluster id from Kafka: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
  if (cluster !== clusterId) throw new ProxyError(404, `cluster ${cluster} not found: this proxy writes to cluster ${clusterId}`);
  const topic = ctx.topics.get(name);
  ctx.keys.check(request.headers.authorization, topic, name);
  const req = parseV3Request(request.body, Date.now());
  const done = await produce(ctx, topic, { key: req.key, value: req.value, keyField: 'key', valueField: 'value' }, [req.record]);
  ctx.metrics.written(name, 'v3', 1);
  const offset = done.offsets[0]!;
  const written = done.records[0]!;
  reply.type('application/json');
  return {
    error_code: 200,
    cluster_id: clusterId,
    topic_name: name,
    partition_id: offset.partition,
    offset: Number(offset.offset),
    timestamp: new Date(req.record.timestamp!).toISOString(),
    key: written.key === null ? null : described(done.key, written.key.length),
    value: written.value === null ? null : described(done.value, written.value.length),
  };
}

function described(schema: WriterSchema, size: number): Record<string, unknown> {
  return { type: 'AVRO', subject: schema.subject, schema_id: schema.id, ...(schema.version === undefined ? {} : { schema_version: schema.version }), size };
}
