/**
 * The `quadrant` command: one subcommand per analysis, its flags generated from the analysis's GraphQL input type
 * (see input-options.ts), plus --sheet, --out and --json. Returns the exit code: 0 done, 1 bad input (a file, a
 * sheet, a column, a value), 2 usage (unknown or missing flags, bad flag values).
 */
import { Command, CommanderError, InvalidArgumentError, type OutputConfiguration } from 'commander';
import { GraphQLInputObjectType, type GraphQLSchema } from 'graphql';
import { InputError } from '../shared/errors';
import { LocalGraphQLError } from '../server/local/local-quadrant';
import { ANALYSES } from './analyses';
import { flagsOf, inputFromFlags } from './input-options';
import { runAnalysis, UsageError } from './run-analysis';

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * Runs the command line `argv` (without node and the script).
 * @example await runCli(schema, ['segment', 'customers.xlsx', '--features', 'CLV,minutes']) → 0
 */
export async function runCli(schema: GraphQLSchema, argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const output: OutputConfiguration = { writeOut: io.stdout, writeErr: io.stderr };
  const program = new Command('quadrant')
    .description('Segment and analyse .xlsx and .csv files: a labelled copy of the workbook with a results sheet.')
    .configureOutput(output)
    .exitOverride()
    .showHelpAfterError('(add --help for the options)');

  for (const analysis of ANALYSES) {
    const type = schema.getType(analysis.inputType);
    if (!(type instanceof GraphQLInputObjectType)) throw new Error(`quadrant: no input type ${analysis.inputType}`);
    const generated = flagsOf(type);
    const command = program
      .command(analysis.command)
      .description(analysis.summary)
      .argument('<file>', '.xlsx workbook or .csv file to analyse')
      .option('--sheet <name>', 'the sheet to read (default: the first)')
      .option('--out <file>', 'the labelled copy to write (default: <file>-<command>.xlsx beside the input)')
      .option('--json', 'print the report as JSON instead of writing a workbook')
      .configureOutput(output)
      .exitOverride()
      .showHelpAfterError('(add --help for the options)')
      .addHelpText(
        'after',
        `\nOptions mirror the GraphQL ${analysis.inputType}; numbers accept "auto" for the default.\n` +
          `Exit codes: 0 done, 1 bad input, 2 usage.\n\nExample:\n  ${analysis.example}\n`,
      );
    for (const flag of generated.flags) command.addOption(flag.option);
    command.action(async (file: string, values: Record<string, unknown>) => {
      let input: Record<string, unknown>;
      try {
        input = inputFromFlags(generated, values);
      } catch (error) {
        if (error instanceof InvalidArgumentError) throw new UsageError(error.message);
        throw error;
      }
      const nested = generated.nestedSources
        .filter((source) => values[source.sheetAttribute] || values[source.fileAttribute])
        .map((source) => {
          if (values[source.sheetAttribute] && values[source.fileAttribute]) {
            throw new UsageError(`give one of --${source.field}-sheet and --${source.field}-file`);
          }
          return {
            source,
            sheet: values[source.sheetAttribute] as string | undefined,
            file: values[source.fileAttribute] as string | undefined,
          };
        });
      await runAnalysis({
        analysis,
        schema,
        file,
        sheet: values.sheet as string | undefined,
        out: values.out as string | undefined,
        json: values.json === true,
        input,
        nested,
        stdout: io.stdout,
        stderr: io.stderr,
      });
    });
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    exitCode = exitCodeOf(error, io);
  }
  return exitCode;
}

function exitCodeOf(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Commander has printed the message (or the help) already.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT_OK;
    if (error.code === 'commander.executeSubCommandAsync') return EXIT_OK;
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (error instanceof UsageError) {
    io.stderr(`error: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof InputError || (error instanceof LocalGraphQLError && error.code !== 'INTERNAL_SERVER_ERROR')) {
    io.stderr(`error: ${oneLine(error.message)}\n`);
    return EXIT_BAD_INPUT;
  }
  const cause = error instanceof LocalGraphQLError ? error.cause : error;
  io.stderr(`error: internal error: ${oneLine(cause instanceof Error ? cause.message : String(cause))}\n`);
  return EXIT_BAD_INPUT;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
