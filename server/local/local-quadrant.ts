/**
 * Quadrant without a server: the same GraphQL schema, resolvers, services and core, executed in this process over
 * an in-memory SQLite store that lives as long as the object. The command line runs every analysis through it, so
 * its options, defaults, validation, error messages and results are the API's own.
 */
import { execute, parse, type GraphQLError, type GraphQLSchema } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { InputError } from '../../shared/errors';
import { AnalysisRunner } from '../analysis/analysis-runner';
import { ensureDefaultWorkspace } from '../bootstrap';
import { ApiKeyService } from '../auth/api-key.service';
import type { Limits } from '../config';
import type { Context } from '../context';
import { DatasetService } from '../datasets/dataset.service';
import { buildQuadrantSchema } from '../graphql/schema';
import { SegmentationService } from '../segments/segmentation.service';
import { AnalysisPool } from '../pool/analysis-pool';
import { openDataSource } from '../storage/data-source';
import { DEFAULT_WORKSPACE_ID } from '../storage/entities/workspace.entity';

/** The longest timer Node allows (about 24 days): no limit, in effect. */
const NO_TIME_LIMIT_MS = 2 ** 31 - 1;

/** A GraphQL error of the in-process API, with the code the HTTP API would have sent. */
export class LocalGraphQLError extends Error {
  constructor(
    message: string,
    readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'INTERNAL_SERVER_ERROR',
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'LocalGraphQLError';
  }
}

export interface LocalQuadrant {
  readonly schema: GraphQLSchema;
  /**
   * Runs one operation and returns its data.
   * @throws LocalGraphQLError with the first error's message and code.
   */
  run<T>(document: string, variables: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

export interface LocalOptions {
  /** The schema, when the caller has built it already. */
  schema?: GraphQLSchema;
  /** Progress of long segmentations. */
  onProgress?: (done: number, total: number) => void;
}

const UNLIMITED: Limits = {
  maxRows: Number.POSITIVE_INFINITY,
  maxColumns: Number.POSITIVE_INFINITY,
  maxCells: Number.POSITIVE_INFINITY,
  maxDepth: Number.POSITIVE_INFINITY,
  maxComplexity: Number.POSITIVE_INFINITY,
};

/** Builds the schema (unless given) and opens an in-memory store (about half a second). */
export async function openLocalQuadrant(options: LocalOptions = {}): Promise<LocalQuadrant> {
  const schema = options.schema ?? (await buildQuadrantSchema());
  const dataSource: DataSource = await openDataSource({ sqlitePath: ':memory:', databaseUrl: null });
  await ensureDefaultWorkspace(dataSource);
  // In place, without a time limit: the command line waits for its one analysis as long as it takes.
  const analyses = new AnalysisRunner(new AnalysisPool({ threads: 0, minRows: Infinity }), NO_TIME_LIMIT_MS);
  const segmentations = new SegmentationService(dataSource, analyses);
  const context: Context = {
    workspaceId: DEFAULT_WORKSPACE_ID,
    services: {
      apiKeys: new ApiKeyService(dataSource),
      datasets: new DatasetService(dataSource),
      segmentations,
      connected: null,
      analyses,
    },
    // The server's size limits protect a shared service from one request; here the user's own files and memory are
    // the only bound.
    limits: UNLIMITED,
    request: { id: 'local' },
    onProgress: options.onProgress,
  };
  return {
    schema,
    async run<T>(document: string, variables: Record<string, unknown>): Promise<T> {
      const result = await execute({
        schema,
        document: parse(document),
        variableValues: variables,
        contextValue: context,
      });
      if (result.errors && result.errors.length > 0) throw toLocalError(result.errors[0]);
      return result.data as T;
    },
    close: async () => {
      await segmentations.close();
      await dataSource.destroy();
    },
  };
}

function toLocalError(error: GraphQLError): LocalGraphQLError {
  const original = error.originalError;
  if (original instanceof InputError) return new LocalGraphQLError(original.message, 'BAD_USER_INPUT', original);
  if (original instanceof ArgumentValidationError) {
    const details = (original.extensions.validationErrors ?? [])
      .flatMap((e) => Object.values((e as { constraints?: Record<string, string> }).constraints ?? {}))
      .join('; ');
    return new LocalGraphQLError(details || error.message, 'BAD_USER_INPUT', original);
  }
  const code = error.extensions?.code;
  if (code === 'NOT_FOUND' || code === 'BAD_USER_INPUT') return new LocalGraphQLError(error.message, code, original);
  // Variable coercion errors (a value of the wrong type) carry no original error: they are the caller's input.
  if (!original) return new LocalGraphQLError(error.message, 'BAD_USER_INPUT');
  return new LocalGraphQLError(error.message, 'INTERNAL_SERVER_ERROR', original);
}
