// Snapshot documents are stored only when they change: a tick that changes nothing but numbers
// writes no document, a container that changes writes its own document only, and any moment
// can be read back as the documents in effect then.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Archive } from '../../electron/archive';
import type { Snapshot } from '../../shared/snapshot';
import { demoFleetSnapshot, retimed, temporaryArchive } from './helpers';

function documentCount(archive: Archive): number {
  const db = new Database(archive.file, { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM document').pluck().get() as number;
  } finally {
    db.close();
  }
}

function written(archive: Archive, snapshot: Snapshot): number {
  const result = archive.recordSnapshot(snapshot);
  if (!result.ok) throw new Error(result.reason);
  return result.documents;
}

async function start(): Promise<{ archive: Archive; snapshot: Snapshot; atMs: number }> {
  const snapshot = await demoFleetSnapshot();
  const archive = temporaryArchive();
  const atMs = Date.parse(snapshot.takenAt);
  expect(written(archive, snapshot)).toBeGreaterThan(20);
  return { archive, snapshot, atMs };
}

describe('documents', () => {
  it('are not written again when only the numbers change', async () => {
    const { archive, snapshot, atMs } = await start();
    const busier = retimed(snapshot, atMs + 5_000);
    for (const container of busier.nodes.vk02!.containers!) {
      if (container.memoryBytes !== null) container.memoryBytes += 12_345;
      if (container.cpuPct !== null) container.cpuPct += 1.5;
    }
    busier.nodes.vk01!.reachability.ssh.latencyMs = 99;
    busier.nodes.vk01!.reachability.ssh.lastSuccessAt = busier.takenAt;
    expect(written(archive, busier)).toBe(0);
  });

  it('are written for the one container that changed', async () => {
    const { archive, snapshot, atMs } = await start();
    const changed = retimed(snapshot, atMs + 5_000);
    const container = changed.nodes.vk02!.containers![3]!;
    container.state = 'exited';
    expect(written(archive, changed)).toBe(1);
    const versions = archive.documentVersions({
      node: 'vk02',
      kind: `container:${container.name}`,
      from: atMs,
      to: atMs + 5_000,
    });
    expect(versions.map((version) => version.atMs)).toEqual([atMs, atMs + 5_000]);
    const before = archive.documentsAt(atMs + 4_999, 'vk02').vk02!;
    const after = archive.documentsAt(atMs + 5_000, 'vk02').vk02!;
    expect(before[`container:${container.name}`]).toMatchObject({ state: 'running' });
    expect(after[`container:${container.name}`]).toMatchObject({ state: 'exited' });
  });

  it('store a body once however often it comes back', async () => {
    const { archive, snapshot, atMs } = await start();
    const changed = retimed(snapshot, atMs + 5_000);
    changed.nodes.vk02!.containers![3]!.state = 'exited';
    written(archive, changed);
    const bodies = documentCount(archive);
    expect(written(archive, retimed(snapshot, atMs + 10_000))).toBe(1);
    expect(written(archive, retimed(changed, atMs + 15_000))).toBe(1);
    expect(documentCount(archive)).toBe(bodies);
  });

  it('end with a tombstone when a container goes away', async () => {
    const { archive, snapshot, atMs } = await start();
    const removed = retimed(snapshot, atMs + 5_000);
    const [gone] = removed.nodes.vk01!.containers!.splice(2, 1);
    delete removed.nodes.vk01!.logs![gone!.name];
    // the list of names, the container itself, and its log digest
    expect(written(archive, removed)).toBe(3);
    const documents = archive.documentsAt(atMs + 5_000, 'vk01').vk01!;
    expect(documents[`container:${gone!.name}`]).toBeUndefined();
    expect(documents.containerList).not.toContain(gone!.name);
    expect(archive.documentsAt(atMs, 'vk01').vk01![`container:${gone!.name}`]).toBeDefined();
  });

  it('keep what the snapshot said, numbers aside', async () => {
    const { archive, snapshot, atMs } = await start();
    const documents = archive.documentsAt(atMs).vk01!;
    const host = snapshot.nodes.vk01!.host!;
    expect(documents.host).toMatchObject({ dockerVersion: host.dockerVersion });
    expect(documents.host).not.toHaveProperty('load1');
    const [name, logs] = Object.entries(snapshot.nodes.vk01!.logs!)[0]!;
    expect(documents[`logs:${name}`]).toEqual(logs);
  });
});

describe('recordSnapshot', () => {
  it('refuses a snapshot of another deployment, and one older than the raw window', async () => {
    const { archive, snapshot, atMs } = await start();
    const other = { ...retimed(snapshot, atMs + 5_000), deployment: '03003' };
    expect(archive.recordSnapshot(other)).toEqual({
      ok: false,
      reason: 'this archive holds deployment 03002, not 03003',
    });
    const old = retimed(snapshot, atMs - 3 * 24 * 3_600_000);
    expect(archive.recordSnapshot(old)).toMatchObject({ ok: false, reason: /older than the raw/ });
    expect(archive.range()).toEqual({ firstMs: atMs, lastMs: atMs });
  });
});
