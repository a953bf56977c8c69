// Secrets for the database and management-API transports come only from environment variables
// named in the fleet file (`passwordEnv: VK01_PG_PASSWORD`); the file itself never holds one.
// The values returned here go straight to a driver: never into a log line, message or snapshot.
import type { ChannelError } from '../../shared/snapshot';

/**
 * The value of the environment variable `envName`, or undefined when no variable is named or
 * it is unset or empty (an empty password is far more often a shell mistake than a real one).
 */
export function readSecret(
  envName: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (envName === undefined) return undefined;
  const value = env[envName];
  return value === undefined || value === '' ? undefined : value;
}

/** The error a channel reports when the fleet file names a variable the environment lacks. */
export function missingSecretError(envName: string): ChannelError {
  return {
    kind: 'not-configured',
    message:
      `the environment variable ${envName} named in the fleet file is not set ` +
      '(desktop app: enter it in Settings, Passwords and passphrases; browser mode: export it)',
  };
}

/**
 * The secret named by `envName`: `{ ok: true, value }` (value undefined when no variable is
 * named, so the driver connects without one), or the not-configured error when it is missing.
 */
export function resolveSecret(
  envName: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): { ok: true; value: string | undefined } | { ok: false; error: ChannelError } {
  const value = readSecret(envName, env);
  if (envName !== undefined && value === undefined) {
    return { ok: false, error: missingSecretError(envName) };
  }
  return { ok: true, value };
}
