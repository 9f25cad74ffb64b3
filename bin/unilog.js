#!/usr/bin/env node
// The CLI runs from the compiled output so that start-up never pays for a TypeScript loader.
import { main } from '../dist/generator/cli/main.js';

// A reader that stops early (`unilog topics | head`) closes the pipe: stop quietly, as other command-line tools do.
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2));
