// Loads only what parsing and help need: each command's code is imported when it runs.
import { isRadomeError } from '../core/errors.js';
import { parseCommandArgs, type Command } from './args.js';
import { catalogCommands } from './commands/catalog.js';
import { ingestCommands } from './commands/ingest.js';
import { serveCommand, startCommand } from './commands/serve.js';

const TOP_USAGE = `
radome — NEXRAD radar and GNSS SNR data platform

Usage: radome <command> [options]     (radome <command> --help for details)

Commands:
  start                 ${startCommand.summary}
  serve                 ${serveCommand.summary}
${ingestCommands.map((c) => `  ingest ${c.name.padEnd(14)} ${c.summary}`).join('\n')}
${catalogCommands.map((c) => `  catalog ${c.name.padEnd(13)} ${c.summary}`).join('\n')}

Configuration (environment): RADOME_DATA_DIR (default ./var), RADOME_CATALOG, RADOME_OBJECTS
(file:<dir> or s3://bucket/prefix?endpoint=…&region=…&forcePathStyle=true), PORT, HOST,
RADOME_LEVEL2_SITES, RADOME_LEVEL2_BUCKET, RADOME_LEVEL2_ENDPOINT, LOG_LEVEL. See README.md.`;

const INGEST_USAGE = `
Usage: radome ingest <command> [options]

${ingestCommands.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`).join('\n')}`;

function pick(argv: string[]): { command: Command; args: string[] } | { usage: string; error?: string } {
  const [first, second, ...rest] = argv;
  if (!first || first === '--help' || first === '-h' || first === 'help') return { usage: TOP_USAGE };
  if (first === 'serve') return { command: serveCommand, args: argv.slice(1) };
  if (first === 'start') return { command: startCommand, args: argv.slice(1) };
  if (first === 'ingest') {
    if (!second || second === '--help' || second === '-h') return { usage: INGEST_USAGE };
    const command = ingestCommands.find((c) => c.name === second);
    return command ? { command, args: rest } : { usage: INGEST_USAGE, error: `unknown ingest command "${second}"` };
  }
  if (first === 'catalog') {
    const command = catalogCommands.find((c) => c.name === second);
    if (command) return { command, args: rest };
    if (!second || second === '--help' || second === '-h') return { usage: TOP_USAGE };
    return { usage: TOP_USAGE, error: `unknown catalog command "${second}"` };
  }
  return { usage: TOP_USAGE, error: `unknown command "${first}"` };
}

async function main(argv: string[]): Promise<number> {
  const picked = pick(argv);
  if (!('command' in picked)) {
    if (picked.error) {
      process.stderr.write(`radome: ${picked.error}\n${picked.usage}\n`);
      return 2;
    }
    process.stdout.write(`${picked.usage.trim()}\n`);
    return 0;
  }
  const parsed = parseCommandArgs(picked.command, picked.args);
  if (!parsed) return 0;
  const begun = await picked.command.begin?.(parsed);
  // The net (and the logger it writes to) only under a command that runs: help and usage stay light.
  const [{ createLogger }, { installProcessNet }] = await Promise.all([import('../core/log.js'), import('../core/process-net.js')]);
  installProcessNet(createLogger('radome'));
  return picked.command.run(parsed, begun);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  if (isRadomeError(e)) {
    process.stderr.write(`radome: ${e.message} [${e.code}]\n`);
    process.exitCode = e.code === 'BAD_INPUT' || e.code === 'CONFIG' ? 2 : 1;
  } else {
    // Written here rather than rethrown: the process net would log a rethrown error and go on.
    process.stderr.write(`radome: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  }
}
