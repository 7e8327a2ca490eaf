#!/usr/bin/env node
/**
 * `npx quadrant …`: the command line's entry point (package.json `bin`, compiled to dist/cli/main.js by
 * `npm run build`). Building the GraphQL schema first gives every command its flags.
 */
import 'reflect-metadata';
import { buildQuadrantSchema } from '../server/graphql/schema';
import { runCli } from './program';

async function main(): Promise<void> {
  const schema = await buildQuadrantSchema();
  const code = await runCli(schema, process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
  process.exitCode = code;
}

void main();
