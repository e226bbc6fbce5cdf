/**
 * Command-line parsing: `netwright <command> [positional…] [--flag value | --switch]`.
 * Small on purpose; each command says which flags it takes.
 */
export class UsageError extends Error {}

export interface Parsed {
  command: string;
  positional: string[];
  flags: Record<string, string | true>;
}

/** `parseArgs(['train', 'lenet5', '--epochs', '3', '--json'])`. */
export function parseArgs(argv: string[], switches: ReadonlySet<string>): Parsed {
  const [command = 'help', ...rest] = argv;
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (switches.has(name)) flags[name] = true;
    else if (inline !== undefined) flags[name] = inline;
    else if (i + 1 < rest.length) flags[name] = rest[++i]!;
    else throw new UsageError(`--${name} needs a value`);
  }
  return { command, positional, flags };
}

/**
 * `-o FILE` taken out of the positionals (the parser only knows `--flags`), else `--output FILE`:
 * `takeOutput(['lenet5', '-o', 'm.py'], {})` → `{ rest: ['lenet5'], out: 'm.py' }`.
 */
export function takeOutput(positional: readonly string[], flags: Parsed['flags']): { rest: string[]; out?: string } {
  const rest = [...positional];
  let out = typeof flags.output === 'string' ? flags.output : undefined;
  const o = rest.indexOf('-o');
  if (o >= 0) {
    if (o + 1 >= rest.length) throw new UsageError('-o needs a file name');
    out = rest.splice(o, 2)[1];
  }
  return { rest, out };
}

/** An integer flag, checked: `intFlag(flags, 'epochs', 1, 1000)`. */
export function intFlag(flags: Parsed['flags'], name: string, min: number, max: number): number | undefined {
  const v = flags[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v === true || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/** Refuse flags a command does not know, so a typo is not silently ignored. */
export function allowFlags(flags: Parsed['flags'], allowed: readonly string[]) {
  const unknown = Object.keys(flags).filter((f) => !allowed.includes(f));
  if (unknown.length > 0) throw new UsageError(`unknown option --${unknown[0]}`);
}
