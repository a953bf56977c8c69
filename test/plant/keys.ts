// Host keys and the client key are generated per run with ssh-keygen, so no key of the plant is
// ever a secret worth keeping and nothing depends on a key from an earlier run.
import { readFile } from 'node:fs/promises';
import { runCommand } from './commands';
import { SSH_KEYGEN_PATH } from './debian';

export interface GeneratedKey {
  privateKeyPath: string;
  /** "ssh-ed25519 AAAA…" without the comment, as known_hosts and authorized_keys want it. */
  publicKey: string;
  /** "SHA256:…" exactly as `ssh-keygen -lf` prints it. */
  fingerprint: string;
}

export async function generateEd25519Key(
  privateKeyPath: string,
  comment: string,
): Promise<GeneratedKey> {
  await runCommand(SSH_KEYGEN_PATH, [
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-C',
    comment,
    '-f',
    privateKeyPath,
  ]);
  const publicLine = await readFile(`${privateKeyPath}.pub`, 'utf8');
  const [keyType, keyData] = publicLine.trim().split(' ');

  const { stdout } = await runCommand(SSH_KEYGEN_PATH, [
    '-l',
    '-E',
    'sha256',
    '-f',
    `${privateKeyPath}.pub`,
  ]);
  // "256 SHA256:abc… comment (ED25519)"
  const fingerprint = stdout.trim().split(' ')[1];
  if (!keyType || !keyData || !fingerprint?.startsWith('SHA256:')) {
    throw new Error(`ssh-keygen gave an unexpected key for ${privateKeyPath}`);
  }
  return { privateKeyPath, publicKey: `${keyType} ${keyData}`, fingerprint };
}
