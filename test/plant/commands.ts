// Runs a short helper command (ssh-keygen, initdb, apt-get) to completion, keeping its output for
// the error message, because a bare "exit code 1" says nothing about what went wrong.
import { execFile } from 'node:child_process';

export interface CommandOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  uid?: number;
  gid?: number;
  timeoutMs?: number;
}

export interface CommandOutput {
  stdout: string;
  stderr: string;
}

const DEFAULT_TIMEOUT_MS = 60_000;
// apt-get install prints a lot; a small buffer would kill it halfway.
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

export function runCommand(
  file: string,
  args: string[],
  options: CommandOptions = {},
): Promise<CommandOutput> {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { ...spawnOptions, timeout: timeoutMs, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          const detail = stderr.trim() || stdout.trim() || error.message;
          reject(new Error(`${file} ${args.join(' ')} failed: ${detail}`));
          return;
        }
        resolve({ stdout, stderr });
      },
    );
  });
}
