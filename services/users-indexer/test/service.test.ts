// users-indexer in-process: its configuration and its mapping options are checked when the service is created, before
// anything connects (no Kafka or OpenSearch needed); the admin port answers.
import { createService } from 'unilog/runtime/service';
import { describe, expect, it } from 'vitest';
import { service } from '../src/service.js';

const env = { ...process.env, LOG_LEVEL: 'warn' };

describe('users-indexer', () => {
  it('is created from its config.yaml, and its admin port answers', async () => {
    const running = await createService(service, { config: 'config.yaml', env });
    try {
      const res = await running.admin.inject('/ping');
      expect(res.body).toBe('pong\n');
    } finally {
      await running.stop();
    }
  });

  it('refuses full-text or excluded fields the schema does not have, naming each', async () => {
    const config = {
      kafka: { brokers: ['127.0.0.1:1'] },
      registry: { url: 'http://127.0.0.1:1' },
      app: { opensearch: { url: 'http://127.0.0.1:1' }, index: 'users', text: { 'user.bio': 'english', 'user.bioo': 'english' }, exclude: ['user.nope'] },
    };
    await expect(createService(service, { config, env })).rejects.toThrow(
      "index options for com.state.joined.UserWithConnections: text field 'user.bioo' is not a field of the schema; excluded field 'user.nope' is not a field of the schema",
    );
  });
});
