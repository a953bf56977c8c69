// What every `control-room` command shares: where it writes, how it ends, how it reports bad
// input. Exit codes: 0 done, 2 bad input, 1 internal fault.

export const EXIT_OK = 0;
export const EXIT_FAULT = 1;
export const EXIT_BAD_INPUT = 2;

/** Where a command writes; tests pass their own to capture output. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** A command either finishes with an exit code or keeps running (a server) until it is stopped. */
export type Outcome = { exitCode: number } | { running: true; stop: () => Promise<void> };

/** Bad input from the command line: printed as is, exit code 2. */
export class InputError extends Error {}

/** A command kept in its own module (electron/commands/NAME.ts). */
export interface Command {
  /** Its lines in `control-room --help`, indented like the others. */
  usage: string;
  run(argv: string[], output: Output): Promise<Outcome>;
}
