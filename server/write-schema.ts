import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildQuadrantSchema, printQuadrantSchema } from './graphql/schema';
import { projectRoot } from './paths';

/** `npm run schema`: writes schema/schema.graphql from the code. A test fails when the file is stale. */
async function main(): Promise<void> {
  const dir = join(projectRoot(), 'schema');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'schema.graphql'), printQuadrantSchema(await buildQuadrantSchema()));
  console.log(`wrote ${join(dir, 'schema.graphql')}`);
}

void main();
