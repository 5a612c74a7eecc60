#!/usr/bin/env node
// Runs the compiled CLI; in a checkout without a build (tests, development) it runs the TypeScript source.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/adapters/cli/main.js', import.meta.url);
if (existsSync(fileURLToPath(compiled))) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../adapters/cli/main.ts', import.meta.url).href);
}
