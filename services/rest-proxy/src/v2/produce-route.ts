// `POST /topics/{topic}` and `POST /topics/{topic}/partitions/{partition}` (Confluent REST v2, Avro embedded format).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ProxyContext } from '../context.js';
import { ProxyError } from '../errors.js';
import { produce } from '../produce.js';
import { parseV2Request } from './produce-request.js';

const AVRO_V2 = 'application/vnd.kafka.avro.v2+json';
const RESPONSE_TYPE = 'application/vnd.kafka.v2+json';

export async function produceV2(ctx: ProxyContext, request: FastifyRequest<{ Params: { topic: string } }>, reply: FastifyReply, pathPartition: string | undefined): Promise<unknown> {
  const name = request.params.topic;
  const topic = ctx.topics.get(name);
  ctx.keys.check(request.headers.authorization, topic, name);
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== AVRO_V2) {
    throw new ProxyError(415, `topic ${name} is Avro: send Content-Type: ${AVRO_V2}, not ${type || 'nothing'} (the catalog has no JSON or binary topics)`);
  }
  let partition: number | undefined;
  if (pathPartition !== undefined) {
    partition = /^\d+$/.test(pathPartition) ? Number(pathPartition) : NaN;
    if (Number.isNaN(partition)) throw new ProxyError(40402, `partition ${JSON.stringify(pathPartition)} of topic ${name} does not exist (partitions are numbered from 0)`);
  }
  const req = parseV2Request(request.body, ctx.config.maxRecords, partition);
  const done = await produce(ctx, topic, { key: req.key, value: req.value, keyField: 'key_schema', valueField: 'value_schema' }, req.records);
  ctx.metrics.written(name, 'v2', done.offsets.length);
  reply.type(RESPONSE_TYPE);
  return {
    offsets: done.offsets.map((o) => ({ partition: o.partition, offset: Number(o.offset), error_code: null, error: null })),
    key_schema_id: done.key.id,
    value_schema_id: done.value.id,
  };
}
