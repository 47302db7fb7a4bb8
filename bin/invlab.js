#!/usr/bin/env node
// Launcher for the invlab CLI. In a checkout (src/ beside this file) it registers tsx's loader so
// the TypeScript sources run as they are; in the installed package it runs the compiled dist/.
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli/main.ts', import.meta.url);
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(sources.href);
} else {
  await import(new URL('../dist/cli/main.js', import.meta.url).href);
}
