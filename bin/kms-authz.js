#!/usr/bin/env node
// The binary is a thin door into the compiled CLI (style.md: the CLI holds no logic).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
