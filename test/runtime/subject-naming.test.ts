/** Subject name strategies and the normalisation of registry options. */
import { describe, expect, test } from 'vitest';
import { createCodec, createSchemaRegistry, type SubjectStrategyName } from '../../runtime/index.js';
import { normaliseRegistryOptions, SUBJECT_NAME_STRATEGIES } from '../../runtime/registry/index.js';

const user = createCodec({ type: 'record', name: 'User', namespace: 'com.acme', fields: [{ name: 'id', type: 'string' }] });
const key = createCodec('string');
const union = createCodec(['null', 'string']);

const CASES: Array<[SubjectStrategyName, { key: string; value: string }]> = [
  ['TopicNameStrategy', { key: 'users-key', value: 'users-value' }],
  ['RecordNameStrategy', { key: 'string', value: 'com.acme.User' }],
  ['TopicRecordNameStrategy', { key: 'users-string', value: 'users-com.acme.User' }],
];

describe('subject name strategies', () => {
  test.each(CASES)('%s', (strategy, want) => {
    const reg = createSchemaRegistry({ url: 'http://registry:8081', subjectStrategy: strategy });
    expect({ key: reg.subjectFor('users', 'key', key), value: reg.subjectFor('users', 'value', user) }).toEqual(want);
  });

  test('a union has no record name: Confluent uses the type name', () => {
    expect(SUBJECT_NAME_STRATEGIES.RecordNameStrategy({ topic: 't', role: 'value', recordName: union.name })).toBe('union');
  });

  test('the default is TopicNameStrategy; a function is used as given', () => {
    expect(createSchemaRegistry({ url: 'http://r' }).subjectFor('orders', 'value', user)).toBe('orders-value');
    const custom = createSchemaRegistry({ url: 'http://r', subjectStrategy: ({ topic, role, recordName }) => `${role}:${topic}:${recordName}` });
    expect(custom.subjectFor('orders', 'key', key)).toBe('key:orders:string');
  });

  test('topicSerdes names both subjects and is one pair per topic binding', () => {
    const reg = createSchemaRegistry({ url: 'http://r' });
    const topic = { name: 'orders', key, value: user, visibility: 'shared', owner: 'o', partitions: 1, cleanupPolicy: 'delete', compatibility: 'BACKWARD' } as const;
    const serdes = reg.topicSerdes(topic);
    expect([serdes.key.subject, serdes.value.subject]).toEqual(['orders-key', 'orders-value']);
    expect(reg.topicSerdes(topic)).toBe(serdes);
    expect(reg.serde(user, 'orders-value')).toBe(serdes.value);
  });
});

describe('registry options', () => {
  test('policy: lookup-only when NODE_ENV is production, else auto-register; an explicit policy wins', () => {
    expect(normaliseRegistryOptions({ url: 'http://r' }, { NODE_ENV: 'production' }).policy).toBe('lookup-only');
    expect(normaliseRegistryOptions({ url: 'http://r' }, { NODE_ENV: 'development' }).policy).toBe('auto-register');
    expect(normaliseRegistryOptions({ url: 'http://r' }, {}).policy).toBe('auto-register');
    expect(normaliseRegistryOptions({ url: 'http://r', policy: 'auto-register' }, { NODE_ENV: 'production' }).policy).toBe('auto-register');
  });

  test('trailing slashes go, timeouts default to 10 s', () => {
    const ctx = normaliseRegistryOptions({ url: 'http://r:8080/apis/ccompat/v7//' }, {});
    expect(ctx.url).toBe('http://r:8080/apis/ccompat/v7');
    expect(ctx.timeoutMs).toBe(10_000);
  });

  test.each([
    [{ url: 'registry:8081' }, /url must be http\(s\), found registry:/],
    [{ url: 'not a url' }, /url must be an absolute http\(s\) URL/],
    [{ url: 'http://r', policy: 'sometimes' }, /policy must be one of auto-register, lookup-only, found "sometimes"/],
    [{ url: 'http://r', subjectStrategy: 'TopicName' }, /subjectStrategy must be one of TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy or a function/],
    [{ url: 'http://r', timeoutMs: 0 }, /timeoutMs must be a positive number, found 0/],
  ])('INVALID_CONFIG for %j', (options, message) => {
    expect(() => normaliseRegistryOptions(options as never, {})).toThrow(message);
    expect(() => normaliseRegistryOptions(options as never, {})).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG', retriable: false }));
  });
});
