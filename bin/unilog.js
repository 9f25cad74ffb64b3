#!/usr/bin/env node
// The CLI runs from the compiled output so that start-up never pays for a TypeScript loader.
import { main } from '../dist/generator/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
