/**
 * Thin command-line front: parses the command name and hands the rest to a
 * command module in src/commands/, each exporting `run(args): Promise<number>`.
 *
 * One rule for exit codes across commands: 0 ok, 1 an input or data problem
 * (a missing or unreadable file, a paper that cannot be read, data that
 * violates the shapes, a port in use), 2 a usage error (unknown command or
 * option, wrong number of arguments). Commands return 0 or 1; usage errors are
 * thrown as UsageError and input errors as InputError/IngestError (KldErrors), mapped by exitCodeFor.
 */
import { exitCodeFor, KldError, UsageError } from './errors.js';
import { packageManifest } from './package.js';

export interface CommandModule {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const COMMANDS = ['extract', 'eval', 'check', 'build', 'validate', 'serve', 'start', 'unlinked', 'harvest', 'load'] as const;
type CommandName = (typeof COMMANDS)[number];

function isCommand(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}

async function load(name: CommandName): Promise<CommandModule> {
  return (await import(`./commands/${name}.js`)) as CommandModule;
}

async function help(): Promise<string> {
  const lines = ['Usage: kamerstukken-ld <command> [options]', '', 'Commands:'];
  for (const name of COMMANDS) {
    try {
      const mod = await load(name);
      lines.push(`  ${name.padEnd(10)} ${mod.summary}`);
    } catch {
      // A command whose module is absent from this build is simply not listed.
    }
  }
  lines.push('', 'Run `kamerstukken-ld <command> --help` for the options of a command; `--version` prints the version.', 'Exit status: 0 ok, 1 input or data problem, 2 usage error.');
  return lines.join('\n');
}

/** The version in the package's package.json (found by src/package.ts, from src/ or dist/src/ alike). */
export function version(): string {
  try {
    return packageManifest().version ?? 'unknown';
  } catch {
    return 'unknown'; // not run from within the package (its package.json is gone)
  }
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    console.log(`kamerstukken-ld ${version()}`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(await help());
    return name === undefined ? 2 : 0;
  }
  if (!isCommand(name)) {
    console.error(`unknown command "${name}"\n\n${await help()}`);
    return 2;
  }
  const mod = await load(name);
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(mod.usage);
    return 0;
  }
  try {
    return await mod.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${mod.usage}`);
      return exitCodeFor(err);
    }
    if (err instanceof KldError) {
      console.error(`error: ${err.message}`);
      return exitCodeFor(err);
    }
    throw err;
  }
}
