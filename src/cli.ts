/**
 * Thin command-line front: parses the command name and hands the rest to a
 * command module in src/commands/, each exporting `run(args): Promise<number>`.
 */
import { exitCodeFor, KldError, UsageError } from './errors.js';

export interface CommandModule {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const COMMANDS = ['extract', 'eval', 'check', 'build', 'validate', 'serve', 'start', 'unlinked', 'harvest'] as const;
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
  lines.push('', 'Run `kamerstukken-ld <command> --help` for the options of a command.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
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
