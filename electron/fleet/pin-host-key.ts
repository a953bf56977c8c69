// Host-key approval. The SSH transport refuses every key the fleet file does not pin
// (electron/transport/ssh.ts); this module is the other half: it fetches the key a node presents,
// says whether it is unknown, approved or changed, and pins an approved one in the fleet file with
// a small YAML edit that keeps the operator's comments and layout.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { isMap, parseDocument, type Document } from 'yaml';
import { Client } from 'ssh2';
import { hostKeyPattern } from '../../shared/fleet';
import type { ChannelError } from '../../shared/snapshot';
import { createLogger } from '../log';
import { classifySshError, hostKeyFingerprint } from '../transport/ssh';
import { formatProblem, parseFleet, type FleetResult } from './load';

const log = createLogger('host-keys');

export type HostKeyVerdict =
  | { status: 'approved'; fingerprint: string }
  | { status: 'unknown'; presented: string; message: string }
  | { status: 'changed'; pinned: string; presented: string; message: string };

/** Compares the key a node presented with the one the fleet file pins for it. */
export function judgeHostKey(
  nodeId: string,
  pinned: string | undefined,
  presented: string,
): HostKeyVerdict {
  if (pinned === presented) return { status: 'approved', fingerprint: presented };
  if (pinned === undefined) {
    const message =
      `${nodeId} presents the host key ${presented}, which no one has approved yet. ` +
      'Compare it with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on the node ' +
      'before approving it.';
    return { status: 'unknown', presented, message };
  }
  const message =
    `HOST KEY CHANGED for ${nodeId}: the fleet file pins ${pinned}, the node now presents ` +
    `${presented}. The node stays blocked until an operator re-approves: the machine may have ` +
    'been reinstalled, or someone may be intercepting the connection.';
  return { status: 'changed', pinned, presented, message };
}

export type FetchedHostKey = { ok: true; fingerprint: string } | { ok: false; error: ChannelError };

/**
 * The fingerprint of the key `host:port` presents. The handshake is stopped right after the key
 * arrives (the verifier refuses it), so nothing is authenticated and no secret is sent.
 */
export function fetchHostKey(
  host: string,
  port: number,
  timeoutMs = 8_000,
): Promise<FetchedHostKey> {
  const client = new Client();
  return new Promise((resolve) => {
    let fingerprint: string | null = null;
    const finish = (result: FetchedHostKey): void => {
      client.removeAllListeners();
      client.on('error', () => undefined);
      client.end();
      resolve(result);
    };
    client.on('error', (error) => {
      if (fingerprint !== null) return finish({ ok: true, fingerprint });
      finish({ ok: false, error: classifySshError(error) });
    });
    client.on('ready', () => finish({ ok: false, error: unexpectedReady() }));
    try {
      client.connect({
        host,
        port,
        username: 'host-key-check',
        readyTimeout: timeoutMs,
        hostVerifier: (key: Buffer) => {
          fingerprint = hostKeyFingerprint(key);
          return false;
        },
      });
    } catch (error) {
      finish({ ok: false, error: classifySshError(error) });
    }
  });
}

function unexpectedReady(): ChannelError {
  return { kind: 'protocol', message: 'the server accepted a connection without a host key' };
}

export interface PinOptions {
  /**
   * Re-approval of a changed key: the fingerprint the operator saw pinned when approving. A pin
   * is only replaced when this matches it, so a stale approval cannot overwrite a newer pin.
   */
  replacing?: string;
}

export type PinResult =
  { ok: true; changed: boolean; previous: string | null } | { ok: false; message: string };

/** Writes `ssh.hostKey` of one node into the fleet file, keeping comments and order. */
export function pinHostKey(
  fleetFile: string,
  nodeId: string,
  fingerprint: string,
  options: PinOptions = {},
): PinResult {
  if (!hostKeyPattern.test(fingerprint)) {
    return { ok: false, message: `'${fingerprint}' is not a SHA256:… host key fingerprint` };
  }
  let text: string;
  try {
    text = readFileSync(fleetFile, 'utf8');
  } catch (error) {
    return { ok: false, message: `cannot read ${fleetFile}: ${(error as Error).message}` };
  }
  const edited = editHostKey(text, fleetFile, nodeId, fingerprint, options);
  if (!edited.ok) return edited;
  if (edited.changed) writeBeside(fleetFile, edited.text);
  log.info({ node: nodeId, fingerprint, previous: edited.previous }, 'host key pinned');
  return { ok: true, changed: edited.changed, previous: edited.previous };
}

type Edit =
  | { ok: true; text: string; changed: boolean; previous: string | null }
  | { ok: false; message: string };

/** The edit itself, on text: the fleet file's new content, or why it cannot be made. */
export function editHostKey(
  text: string,
  file: string,
  nodeId: string,
  fingerprint: string,
  options: PinOptions = {},
): Edit {
  const document = parseDocument(text, { prettyErrors: false });
  if (document.errors.length > 0) {
    return { ok: false, message: `${file} is not valid YAML; fix it before approving keys` };
  }
  const ssh = document.getIn(['nodes', nodeId, 'ssh'], true);
  if (!isMap(ssh))
    return { ok: false, message: `${file} has no node ${nodeId} with an ssh section` };
  const current = ssh.get('hostKey');
  const previous = typeof current === 'string' ? current : null;
  if (previous === fingerprint) return { ok: true, text, changed: false, previous };
  if (previous !== null && options.replacing !== previous) {
    return {
      ok: false,
      message:
        `${nodeId} already pins ${previous}; replacing it with ${fingerprint} needs a ` +
        're-approval that names the pinned key',
    };
  }
  ssh.set('hostKey', fingerprint);
  const edited = writeDocument(document);
  if (edited === null) return { ok: false, message: `${file} cannot be written back as YAML` };
  const check = checkFleet(edited, file);
  if (!check.ok) {
    const problems = check.problems.map(formatProblem).join('; ');
    return { ok: false, message: `the fleet file would not load after the edit: ${problems}` };
  }
  return { ok: true, text: edited, changed: true, previous };
}

/** The document as text; null when the YAML library cannot write it (a dangling alias). */
function writeDocument(document: Document): string | null {
  try {
    return document.toString();
  } catch {
    return null;
  }
}

/** parseFleet, with a throw from the YAML library (e.g. an alias bomb) turned into a problem. */
function checkFleet(text: string, file: string): FleetResult {
  try {
    return parseFleet(text, file);
  } catch (error) {
    const message = `cannot be read as a fleet file: ${(error as Error).message}`;
    return { ok: false, problems: [{ file, line: null, field: '', message }] };
  }
}

/** Written beside and renamed, keeping the file's mode, so a crash never leaves half a file. */
function writeBeside(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: statSync(file).mode & 0o777 });
  renameSync(temporary, file);
}
