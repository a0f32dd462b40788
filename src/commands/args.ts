/**
 * The command line of a command, read by one loop for every command, so that they all take and refuse the same
 * things the same way: an option is an argument starting with "--"; an option that takes a value takes the next
 * argument, which must not itself be an option; an unknown option, a missing or malformed value is a UsageError
 * (exit 2) naming the option. Everything else is a positional argument (a file, a folder).
 *
 * @example
 *   const options = { port: 3000, log: false };
 *   const files = readArgs(args, {
 *     '--port': (o) => (options.port = o.integer(0)),
 *     '--log': () => (options.log = true),
 *   });
 */
import { UsageError } from '../errors.js';

/** One option on the command line, and the readers of its value (each takes the next argument). */
export interface Option {
  /** The option as given: "--port". */
  readonly name: string;
  /** The next argument; a UsageError when there is none or when it is another option. */
  value(): string;
  /** The value as a number of at least `min`. */
  number(min: number): number;
  /** The value as a whole number of at least `min` ("2", not "2.5"). */
  integer(min: number): number;
  /** The value as a date, YYYY-MM-DD. */
  date(): string;
  /** The value, one of `choices`. */
  oneOf<T extends string>(choices: readonly T[]): T;
}

/** What each option does, by its name; a handler reads the option's value through the Option it is given. */
export type OptionHandlers = Readonly<Record<string, (option: Option) => unknown>>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Read `args`: each option goes to its handler, in the order given; the positional arguments are returned, in
 * order. With `positional: false` the command takes none, and one is refused as an unexpected argument.
 */
export function readArgs(args: readonly string[], handlers: OptionHandlers, settings: { positional?: boolean } = {}): string[] {
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) {
      if (settings.positional === false) throw new UsageError(`unexpected argument ${arg}`);
      positional.push(arg);
      continue;
    }
    const handler = Object.hasOwn(handlers, arg) ? handlers[arg] : undefined;
    if (handler === undefined) throw new UsageError(`unknown option ${arg}`);
    const value = (): string => {
      const v = args[i + 1];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      i++;
      return v;
    };
    handler(optionReader(arg, value));
  }
  return positional;
}

/** `value`, the value of option `name`, when it is a date YYYY-MM-DD; else a UsageError. */
export function isoDate(name: string, value: string): string {
  if (!DATE.test(value)) throw new UsageError(`${name} must be YYYY-MM-DD: got "${value}"`);
  return value;
}

function optionReader(name: string, value: () => string): Option {
  const number = (min: number, whole: boolean): number => {
    const v = value();
    const n = v.trim() === '' ? NaN : Number(v);
    if (!Number.isFinite(n) || n < min || (whole && !Number.isInteger(n))) throw new UsageError(`${name} must be a ${whole ? 'whole number' : 'number'} ≥ ${min}: got "${v}"`);
    return n;
  };
  return {
    name,
    value,
    number: (min) => number(min, false),
    integer: (min) => number(min, true),
    date: () => isoDate(name, value()),
    oneOf: <T extends string>(choices: readonly T[]): T => {
      const v = value();
      if (!(choices as readonly string[]).includes(v)) throw new UsageError(`${name} must be one of ${choices.join(', ')}: got "${v}"`);
      return v as T;
    },
  };
}
