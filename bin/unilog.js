#!/usr/bin/env node
// The CLI runs from the compiled output so that start-up never pays for a TypeScript loader.
import { main } from '../dist/generator/cli/main.js';

// A reader that stops early (`unilog topics | head`) closes the pipe: stop quietly, as other command-line tools do.
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2)).catch(async (e) => {
  // A verb that needs a peer dependency (kafkajs) that is not installed: one line that says what to install.
  const { missingPeerMessage } = await import('../dist/generator/package/missing-peer.js');
  const message = missingPeerMessage(e);
  if (message === undefined) throw e;
  process.stderr.write(`${message}\n`);
  return 1;
});
