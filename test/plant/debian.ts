// The plant runs the Debian builds of OpenSSH, Redis and PostgreSQL. When one is missing and we are
// root, it installs the package itself; otherwise it names what to install.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { runCommand } from './commands';

export const SSHD_PATH = '/usr/sbin/sshd';
export const SSH_KEYGEN_PATH = '/usr/bin/ssh-keygen';
export const REDIS_SERVER_PATH = '/usr/bin/redis-server';
export const RUNUSER_PATH = '/usr/sbin/runuser';
const POSTGRES_ROOT = '/usr/lib/postgresql';

interface Requirement {
  debianPackage: string;
  isPresent: () => boolean;
}

const REQUIREMENTS: Requirement[] = [
  { debianPackage: 'openssh-server', isPresent: () => existsSync(SSHD_PATH) },
  { debianPackage: 'openssh-client', isPresent: () => existsSync(SSH_KEYGEN_PATH) },
  { debianPackage: 'redis-server', isPresent: () => existsSync(REDIS_SERVER_PATH) },
  { debianPackage: 'postgresql', isPresent: () => findPostgresBinDir() !== undefined },
];

/** The bin dir of the highest installed PostgreSQL version, e.g. /usr/lib/postgresql/15/bin. */
export function findPostgresBinDir(): string | undefined {
  if (!existsSync(POSTGRES_ROOT)) return undefined;
  const versions = readdirSync(POSTGRES_ROOT)
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => existsSync(path.join(POSTGRES_ROOT, name, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(POSTGRES_ROOT, versions[0], 'bin');
}

export function missingDebianPackages(): string[] {
  return REQUIREMENTS.filter((requirement) => !requirement.isPresent()).map(
    (requirement) => requirement.debianPackage,
  );
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * Why the plant cannot start on this machine, or undefined when it can. Missing packages are no
 * problem for root, who gets them installed; anyone else is told which ones to install.
 */
export function plantPrerequisiteProblem(): string | undefined {
  if (isRoot()) return undefined;
  const missing = missingDebianPackages();
  const reason = 'the test plant must run as root (it binds port 22, runs PostgreSQL as postgres)';
  if (missing.length === 0) return reason;
  return `${reason}; it also needs: apt-get install ${missing.join(' ')}`;
}

export async function ensureDebianPackages(log: (line: string) => void): Promise<void> {
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  if (!isRoot()) {
    throw new Error(
      `The test plant needs these Debian packages: apt-get install ${missing.join(' ')}`,
    );
  }

  log(`installing missing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // A long timeout: a cold apt-get update plus PostgreSQL can take minutes on a slow mirror.
  const timeoutMs = 15 * 60_000;
  await runCommand('apt-get', ['update'], { env, timeoutMs });
  await runCommand('apt-get', ['install', '-y', ...missing], { env, timeoutMs });

  const stillMissing = missingDebianPackages();
  if (stillMissing.length > 0) {
    throw new Error(`apt-get did not provide: ${stillMissing.join(' ')}`);
  }
}
