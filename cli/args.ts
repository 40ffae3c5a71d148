import { parseArgs, type ParseArgsConfig } from 'node:util';
import { RadomeError } from '../core/errors.js';

/** A subcommand's parsed flags and positionals. */
export interface CommandArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** A subcommand: what `--help` shows and how to parse it; `run` loads its code when called. */
export interface Command<Begun = unknown> {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /**
   * Starts, before the logger and the process net load, work that is slow to get going (the pool
   * threads of `ingest files`); `run` is handed what it started. Awaited before they load: loaded
   * alongside, their modules took the thread first and the threads started no sooner.
   */
  begin?(args: CommandArgs): Promise<Begun>;
  /** `begun` is what `begin` gave, or undefined when the caller did not call it. */
  run(args: CommandArgs, begun?: Begun): Promise<number>;
}

/** Parses a subcommand's argv; `--help` prints its usage. Returns null when help was printed. */
export function parseCommandArgs(command: Command, argv: string[]) {
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.values.help) {
      process.stdout.write(`${command.usage.trim()}\n`);
      return null;
    }
    return parsed as CommandArgs;
  } catch (e) {
    throw new RadomeError('BAD_INPUT', `${(e as Error).message}\n\n${command.usage.trim()}`);
  }
}

/** An ISO 8601 instant (`2022-03-17T00:00:00Z`) as epoch ms. */
export function parseInstant(raw: string | boolean | undefined, flag: string): number {
  if (typeof raw !== 'string') throw new RadomeError('BAD_INPUT', `${flag} is required (an ISO 8601 time such as 2022-03-17T00:00:00Z)`);
  const t = Date.parse(raw);
  if (Number.isNaN(t)) throw new RadomeError('BAD_INPUT', `${flag} ${raw} is not an ISO 8601 time such as 2022-03-17T00:00:00Z`);
  return t;
}
