// The live snapshot crosses the pipe one node per message (issue #10): a fleet of many demo
// deployments, collected for real, pushed and asked for through a real core and client; every
// message stays the size of one node and the parts join into exactly the snapshot collected.
import { afterEach, describe, expect, it } from 'vitest';
import { scaledFleet } from '../../electron/bench/scale';
import { createCore, EVENT_LOG_LINES, trimLogLines, type Core } from '../../electron/core/core';
import { summarizeFleet } from '../../electron/core/watched';
import { ApiError, createClient, type ApiClient } from '../../shared/api/client';
import { createMemoryPipePair } from '../../shared/api/pipe';
import { byteLength, decodeMessage, MAX_MESSAGE_BYTES } from '../../shared/api/protocol';
import type { SnapshotNodePart, SnapshotTick } from '../../shared/api/requests-snapshot';
import type { ContainerLogs, Snapshot } from '../../shared/snapshot';
import { createSnapshotAssembler } from '../../renderer/state/snapshot-assembly';
import { container, nodeSnapshot, snapshot } from '../renderer/snapshot-factory';

/** Room a message needs beyond its node's JSON: the envelope, the node id and the tick stamp. */
const ENVELOPE_BYTES = 300;

interface Running {
  core: Core;
  client: ApiClient;
  /** Every message the core sent the client, as the text on the pipe, in order. */
  wire: string[];
  collected: Snapshot;
  /** Moves the plant's clock on: a snapshot assembled later is stamped later. */
  advanceMs(ms: number): void;
  /** Announces the collector's snapshot, as its fast timer does. */
  announce(): void;
}

const running: Running[] = [];

afterEach(async () => {
  for (const { core, client } of running.splice(0)) {
    client.close();
    await core.stop();
  }
});

/** A core over a real collector of `deployments` demo plants, one tick collected. */
async function startCore(deployments: number): Promise<Running> {
  const { fleet, clock, collector } = scaledFleet(deployments);
  clock.advance(10 * 60_000);
  const collected = await collector.collectOnce();
  let announce = (): void => undefined;
  const core = createCore({
    mode: 'test',
    fleet: summarizeFleet(fleet, 'demo'),
    collector: {
      snapshot: () => collector.snapshot(),
      health: () => collector.health(),
      subscribe(listeners) {
        announce = () => listeners.snapshot(collector.snapshot());
      },
      stop: () => collector.stop(),
    },
  });
  const [clientPipe, corePipe] = createMemoryPipePair();
  const wire: string[] = [];
  clientPipe.onMessage((text) => wire.push(text));
  core.router.attach(corePipe);
  const client = createClient(clientPipe);
  const advanceMs = (ms: number) => clock.advance(ms);
  const started = { core, client, wire, collected, advanceMs, announce: () => announce() };
  running.push(started);
  return started;
}

/** The snapshot events on the wire, in the order they came. */
function snapshotEvents(wire: string[]): { name: string; payload: unknown; bytes: number }[] {
  return wire.flatMap((text) => {
    const decoded = decodeMessage(text);
    if (!decoded.ok || decoded.message.kind !== 'event') return [];
    const { name, payload } = decoded.message;
    return name.startsWith('snapshot.') ? [{ name, payload, bytes: byteLength(text) }] : [];
  });
}

function nextTick(client: ApiClient): Promise<SnapshotTick> {
  return new Promise((resolve) => {
    const stop = client.on('snapshot.new', (tick) => {
      stop();
      resolve(tick);
    });
  });
}

describe('the live snapshot over the pipe', () => {
  it('is pushed one node per message, then a marker, and the parts join into it', async () => {
    const { client, wire, collected, announce } = await startCore(4);
    const assembler = createSnapshotAssembler();
    let joined: Snapshot | null = null;
    client.on('snapshot.node', (part) => (joined ??= assembler.addPart(part)));
    const marker = nextTick(client);
    announce();
    joined ??= assembler.addTick(await marker);

    const nodes = Object.keys(collected.nodes);
    expect(nodes).toHaveLength(12);
    const events = snapshotEvents(wire);
    expect(events.map((event) => event.name)).toEqual([
      ...nodes.map(() => 'snapshot.node'),
      'snapshot.new',
    ]);
    expect(events.at(-1)?.payload).toEqual({
      version: 1,
      deployment: 'scale-4',
      takenAt: collected.takenAt,
      nodes,
    });
    const trimmed = trimLogLines(collected, EVENT_LOG_LINES);
    for (const [index, node] of nodes.entries()) {
      const nodeBytes = byteLength(JSON.stringify(trimmed.nodes[node]));
      expect((events[index]?.payload as SnapshotNodePart).node).toBe(node);
      expect(events[index]?.bytes, node).toBeLessThanOrEqual(nodeBytes + ENVELOPE_BYTES);
    }
    expect(joined).toEqual(trimmed);
  });

  it('keeps the largest message one node big however many deployments there are', async () => {
    const largest = async (deployments: number) => {
      const { client, wire, announce } = await startCore(deployments);
      const marker = nextTick(client);
      announce();
      await marker;
      return Math.max(...snapshotEvents(wire).map((event) => event.bytes));
    };
    const one = await largest(1);
    const eight = await largest(8);
    // Another seed gives each plant its own numbers and log lines, so allow a little either way.
    expect(eight).toBeLessThan(one * 1.25);
    expect(eight).toBeGreaterThan(one * 0.75);
  });

  it('answers snapshot.latest with the tick and snapshot.node with each node of it', async () => {
    const { client, collected } = await startCore(2);
    const tick = await client.call('snapshot.latest', {});
    expect(tick).toEqual({
      version: 1,
      deployment: 'scale-2',
      takenAt: collected.takenAt,
      nodes: Object.keys(collected.nodes),
    });
    const assembler = createSnapshotAssembler();
    expect(assembler.addTick(tick!)).toBeNull();
    const parts = await Promise.all(
      tick!.nodes.map((node) => client.call('snapshot.node', { node })),
    );
    const joined = parts.map((part) => assembler.addPart(part!)).at(-1);
    expect(joined).toEqual(trimLogLines(collected, EVENT_LOG_LINES));
  });

  it('answers from the snapshot last pushed: one tick for every node as time moves', async () => {
    const { client, announce, advanceMs } = await startCore(2);
    // Before any push: the first answer's snapshot is kept for the requests that follow it.
    const first = await client.call('snapshot.latest', {});
    advanceMs(5 * 60_000);
    const node = await client.call('snapshot.node', { node: first!.nodes[0]! });
    expect(node?.takenAt).toBe(first!.takenAt);

    advanceMs(5 * 60_000);
    const pushed = nextTick(client);
    announce();
    const tick = await pushed;
    expect(Date.parse(tick.takenAt)).toBeGreaterThan(Date.parse(first!.takenAt));
    advanceMs(5 * 60_000);
    await expect(client.call('snapshot.latest', {})).resolves.toEqual(tick);
    const parts = await Promise.all(
      tick.nodes.map((id) => client.call('snapshot.node', { node: id })),
    );
    expect(parts.map((part) => part?.takenAt)).toEqual(tick.nodes.map(() => tick.takenAt));
  });

  it("cuts a chatty node's log lines until its message fits, counting every line cut", async () => {
    // 40 containers, each with 20 new lines of 2000 characters: 1.6 MB of log text on one node.
    const names = Array.from({ length: 40 }, (_, index) => `worker-${index}`);
    const chatty: ContainerLogs = {
      countsByLevel: { fatal: 0, error: 30, warning: 0, info: 0, debug: 0, unknown: 0 },
      lines: Array.from({ length: 20 }, (_, index) => ({
        at: null,
        level: 'error' as const,
        text: `${index} ${'x'.repeat(1990)}`,
      })),
      droppedLines: 10,
    };
    const node = nodeSnapshot({
      containers: names.map((name) => container(name)),
      logs: Object.fromEntries(names.map((name) => [name, chatty])),
    });
    const whole = snapshot('2026-02-19T00:35:00.000Z', { vk01: node });
    const core = createCore({
      mode: 'test',
      fleet: { source: 'file', deployment: '03002', nodes: [] },
      collector: {
        snapshot: () => whole,
        health: () => ({ nodes: {}, verdict: null }),
        subscribe: () => undefined,
        stop: async () => undefined,
      },
    });
    const [clientPipe, corePipe] = createMemoryPipePair();
    core.router.attach(corePipe);
    const client = createClient(clientPipe);
    const nothing = () => undefined;
    running.push({
      core,
      client,
      wire: [],
      collected: whole,
      advanceMs: nothing,
      announce: nothing,
    });

    const part = await client.call('snapshot.node', { node: 'vk01' });
    const logs = Object.values(part!.snapshot.logs ?? {});
    expect(logs).toHaveLength(40);
    expect(byteLength(JSON.stringify(part))).toBeLessThan(MAX_MESSAGE_BYTES);
    for (const kept of logs) {
      // Halved from 20 until the node's text fits its budget; the newest lines are the ones kept.
      expect(kept.lines.length).toBeGreaterThan(0);
      expect(kept.lines.at(-1)?.text.startsWith('19 ')).toBe(true);
      expect(kept.droppedLines).toBe(10 + 20 - kept.lines.length);
    }
  });

  it('refuses a node the snapshot does not have, naming it', async () => {
    const { client } = await startCore(1);
    const refused = await client.call('snapshot.node', { node: 'vk99' }).catch((error) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ code: 'INVALID_ARGS' });
    expect((refused as ApiError).message).toContain("no node 'vk99'");
  });

  it('answers null to both before the first tick and without a fleet', async () => {
    const core = createCore({
      mode: 'test',
      fleet: { source: 'empty', deployment: null, nodes: [] },
    });
    const [clientPipe, corePipe] = createMemoryPipePair();
    core.router.attach(corePipe);
    const client = createClient(clientPipe);
    const nothing = () => undefined;
    running.push({
      core,
      client,
      wire: [],
      collected: null as never,
      advanceMs: nothing,
      announce: nothing,
    });
    await expect(client.call('snapshot.latest', {})).resolves.toBeNull();
    await expect(client.call('snapshot.node', { node: 'vk01' })).resolves.toBeNull();
  });
});
