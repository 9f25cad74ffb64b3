#!/usr/bin/env node
// Readiness checks for the dev/CI infrastructure, used by dev/up.sh.
//
//   node dev/wait-ready.mjs kafka    <brokers>      [--timeout s] [--pid n] [--log path] [--brokers n]
//   node dev/wait-ready.mjs registry <ccompat url>  [--timeout s] [--pid n] [--log path]
//   node dev/wait-ready.mjs opensearch <url>        [--timeout s] [--pid n] [--log path]
//
// kafka:    retries a kafkajs admin describeCluster (a real metadata request)
//           until it answers with at least one broker, then a describeGroups
//           (the group coordinator is up, so consumer groups can join). With --brokers n
//           the metadata must list at least n brokers (dev/cluster-up.sh: all 3 joined).
// registry: retries GET <url>/subjects until it answers 200 with a JSON array.
// opensearch: retries GET <url>/_cluster/health until the cluster is green or yellow (it can hold indices).
// Exits 0 when ready; 1 with a one-line error (naming the log file, if given) on
// timeout, or as soon as the process given by --pid has exited.
import { Kafka, logLevel } from 'kafkajs';

const [what, target, ...rest] = process.argv.slice(2);
const opts = { timeout: 90, pid: undefined, log: undefined, brokers: 1 };
for (let i = 0; i < rest.length; i += 2) {
  const key = rest[i]?.replace(/^--/, '');
  const value = rest[i + 1];
  if (!key || value === undefined || !(key in opts)) usage(`bad option ${rest[i]}`);
  opts[key] = key === 'log' ? value : Number(value);
}
const checks = { kafka: kafkaOnce, registry: registryOnce, opensearch: opensearchOnce };
if (!target || !Object.hasOwn(checks, what)) usage();

function usage(msg) {
  if (msg) console.error(`dev: error: wait-ready: ${msg}`);
  console.error('usage: node dev/wait-ready.mjs kafka|registry|opensearch <address> [--timeout s] [--pid n] [--log path] [--brokers n]');
  process.exit(2);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const seeLog = opts.log ? `; see ${opts.log}` : '';

function processGone() {
  if (opts.pid === undefined) return false;
  try {
    process.kill(opts.pid, 0);
    return false;
  } catch {
    return true;
  }
}

async function kafkaOnce(brokers) {
  const kafka = new Kafka({
    clientId: 'unilog-wait-ready',
    brokers: brokers.split(',').map((b) => b.trim()).filter(Boolean),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 5000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length < opts.brokers) throw new Error(`metadata lists ${cluster.brokers.length} broker(s), waiting for ${opts.brokers}`);
    // A group lookup makes the broker create __consumer_offsets and load the group
    // coordinator, so the first consumer of a test does not hit
    // "group coordinator is not available" while that happens.
    await admin.describeGroups(['unilog-wait-ready']);
    return `cluster ${cluster.clusterId}, ${cluster.brokers.length} broker(s), controller ${cluster.controller}`;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

async function registryOnce(url) {
  const res = await fetch(`${url.replace(/\/+$/, '')}/subjects`, {
    headers: { accept: 'application/vnd.schemaregistry.v1+json, application/json' },
    signal: AbortSignal.timeout(5000),
  });
  if (res.status !== 200) throw new Error(`GET /subjects answered HTTP ${res.status}`);
  const body = await res.json();
  if (!Array.isArray(body)) throw new Error('GET /subjects did not answer a JSON array');
  return `GET /subjects -> 200 (${body.length} subject(s))`;
}

async function opensearchOnce(url) {
  const res = await fetch(`${url.replace(/\/+$/, '')}/_cluster/health`, { signal: AbortSignal.timeout(5000) });
  if (res.status !== 200) throw new Error(`GET /_cluster/health answered HTTP ${res.status}`);
  const body = await res.json();
  if (body.status !== 'green' && body.status !== 'yellow') throw new Error(`cluster status ${body.status}`);
  return `cluster ${body.cluster_name}, status ${body.status}, ${body.number_of_nodes} node(s)`;
}

function describe(err) {
  if (!(err instanceof Error)) return String(err);
  // fetch() reports "fetch failed" and hides the reason (ECONNREFUSED...) in `cause`.
  const cause = err.cause instanceof Error ? `: ${err.cause.code ?? err.cause.message}` : '';
  return `${err.message}${cause}`;
}

const check = checks[what];
const started = Date.now();
const deadline = started + opts.timeout * 1000;
let lastError = 'no attempt made';
for (;;) {
  if (processGone()) {
    console.error(`dev: error: ${what} (pid ${opts.pid}) exited before answering at ${target}${seeLog}`);
    process.exit(1);
  }
  try {
    const info = await check(target);
    console.error(`dev: ${what} ready at ${target} after ${((Date.now() - started) / 1000).toFixed(1)}s (${info})`);
    process.exit(0);
  } catch (err) {
    lastError = describe(err);
  }
  if (Date.now() >= deadline) {
    console.error(`dev: error: ${what} did not answer at ${target} within ${opts.timeout}s (last error: ${lastError})${seeLog}`);
    process.exit(1);
  }
  await sleep(500);
}
