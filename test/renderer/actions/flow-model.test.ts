// The action flow's model: who may run what, the target a finding names, the confirmation a
// destructive action asks for, the output cut per step, and the flow's states, including output
// that arrives before the run's answer names its id.
import { describe, expect, it } from 'vitest';
import {
  actionLink,
  argumentFields,
  argumentValues,
  closedFlow,
  confirmationGiven,
  containerNames,
  flowReducer,
  higherRoles,
  leastRoleFor,
  linkedRequest,
  newestFirst,
  outputSections,
  rolePermits,
  targetFromFinding,
  targetFromParams,
  type FlowEvent,
  type FlowState,
  type OutputChunk,
} from '../../../renderer/actions/flow-model';
import type { ActionPreview, ActionResult } from '../../../shared/api/requests-actions';
import type { Snapshot } from '../../../shared/snapshot';

function preview(changes: Partial<ActionPreview> = {}): ActionPreview {
  return {
    previewId: 'p-1',
    actionId: 'container.restart',
    title: 'Restart a container',
    risk: 'disruptive',
    what: 'Stops the container and starts it.',
    willHappen: 'pgadmin on vk03 stops and starts again.',
    target: { node: 'vk03', container: 'pgadmin' },
    args: {},
    nodes: ['vk03'],
    steps: [
      {
        node: 'vk03',
        via: 'ssh',
        label: 'restart',
        argv: ['docker', 'restart', '-t', '30', 'pgadmin'],
        text: 'docker restart -t 30 pgadmin',
      },
    ],
    confirmation: { kind: 'click', expected: null },
    postCheck: 'the container is running and healthy within 60 s',
    expectedDurationSeconds: 15,
    findingId: '7',
    expiresAt: '2026-02-19T00:47:00.000Z',
    ...changes,
  };
}

const destructive = preview({
  actionId: 'container.remove',
  risk: 'destructive',
  confirmation: { kind: 'type-target', expected: 'pgadmin' },
});

function result(runId: string, changes: Partial<ActionResult> = {}): ActionResult {
  return {
    runId,
    actionId: 'container.restart',
    target: { node: 'vk03', container: 'pgadmin' },
    status: 'succeeded',
    exitCode: 0,
    steps: [],
    postCheck: { state: 'passed', detail: 'pgadmin is running' },
    url: null,
    summary: 'succeeded',
    startedAt: '2026-02-19T00:42:20.000Z',
    finishedAt: '2026-02-19T00:42:22.000Z',
    outputDigest: { sha256: 'x', bytes: 0, firstLines: [], lastLines: [] },
    auditId: 46,
    ...changes,
  };
}

function play(events: FlowEvent[], from: FlowState = closedFlow): FlowState {
  return events.reduce(flowReducer, from);
}

const info = (text: string): OutputChunk => ({ stream: 'info', text });
const stdout = (text: string): OutputChunk => ({ stream: 'stdout', text });

describe('roles', () => {
  it('lets a technician run read-only and disruptive, a supervisor all, a viewer none', () => {
    expect(rolePermits('viewer', 'read-only')).toBe(false);
    expect(rolePermits('technician', 'disruptive')).toBe(true);
    expect(rolePermits('technician', 'destructive')).toBe(false);
    expect(rolePermits('supervisor', 'destructive')).toBe(true);
    expect(leastRoleFor('read-only')).toBe('technician');
    expect(leastRoleFor('destructive')).toBe('supervisor');
  });

  it('lists the roles above the current one, lowest first', () => {
    expect(higherRoles('viewer')).toEqual(['technician', 'supervisor']);
    expect(higherRoles('technician')).toEqual(['supervisor']);
    expect(higherRoles('supervisor')).toEqual([]);
  });
});

describe('targets', () => {
  it("takes a finding's first node and, for container actions, its first container", () => {
    const finding = { nodes: ['vk03', 'vk01'], containers: ['pgadmin'] };
    expect(targetFromFinding({ targetKind: 'container' }, finding)).toEqual({
      target: { node: 'vk03', container: 'pgadmin' },
    });
    expect(targetFromFinding({ targetKind: 'node' }, finding)).toEqual({
      target: { node: 'vk03' },
    });
  });

  it('says what is missing when the finding names no container or node', () => {
    expect(
      targetFromFinding({ targetKind: 'container' }, { nodes: ['vk01'], containers: [] }),
    ).toEqual({ target: null, missing: 'container' });
    expect(targetFromFinding({ targetKind: 'node' }, { nodes: [], containers: [] })).toEqual({
      target: null,
      missing: 'node',
    });
  });

  it("reads a link's node and container, falling back to the first node", () => {
    const nodes = ['vk01', 'vk02', 'vk03'];
    const params = new URLSearchParams('action=container.restart&node=vk03&container=pgadmin');
    expect(targetFromParams({ targetKind: 'container' }, params, nodes)).toEqual({
      node: 'vk03',
      container: 'pgadmin',
    });
    expect(targetFromParams({ targetKind: 'node' }, params, nodes).container).toBe('');
    const unknown = new URLSearchParams('node=vk99');
    expect(targetFromParams({ targetKind: 'node' }, unknown, nodes).node).toBe('vk01');
  });

  it("links a finding's action to the Actions view with the target it names", () => {
    const finding = { id: 7, nodes: ['vk03'], containers: ['pgadmin'] };
    const link = actionLink({ id: 'container.restart', targetKind: 'container' }, finding);
    expect(link).toBe('#/actions?action=container.restart&finding=7&node=vk03&container=pgadmin');
    const params = new URLSearchParams(link.split('?')[1]);
    const nodes = ['vk01', 'vk03'];
    expect(
      linkedRequest({ id: 'container.restart', targetKind: 'container' }, params, nodes),
    ).toEqual({ target: { node: 'vk03', container: 'pgadmin' }, findingId: '7' });
  });

  it('opens no flow from a link that names another action, no finding or half a target', () => {
    const entry = { id: 'container.restart' as const, targetKind: 'container' as const };
    const nodes = ['vk01', 'vk03'];
    const linked = (query: string) => linkedRequest(entry, new URLSearchParams(query), nodes);
    expect(linked('action=container.logs&finding=7&node=vk03&container=pgadmin')).toBeNull();
    expect(linked('action=container.restart&node=vk03&container=pgadmin')).toBeNull();
    expect(linked('action=container.restart&finding=7&node=vk03')).toBeNull();
    expect(linked('action=container.restart&finding=7&node=vk99&container=x')).toBeNull();
    const noContainer = actionLink(entry, { id: 8, nodes: ['vk01'], containers: [] });
    expect(noContainer).toBe('#/actions?action=container.restart&finding=8&node=vk01');
  });

  it("lists a node's containers by name, or null when the snapshot has no list", () => {
    const container = (name: string) => ({ name }) as never;
    const snapshot = {
      nodes: {
        vk01: { containers: [container('redis'), container('database-server')] },
        vk02: { containers: null },
      },
    } as unknown as Snapshot;
    expect(containerNames(snapshot, 'vk01')).toEqual(['database-server', 'redis']);
    expect(containerNames(snapshot, 'vk02')).toBeNull();
    expect(containerNames(null, 'vk01')).toBeNull();
  });
});

describe('confirmation', () => {
  it('needs only a click for a disruptive action', () => {
    expect(confirmationGiven(preview(), '')).toBe(true);
  });

  it("needs the target's exact name for a destructive one", () => {
    expect(confirmationGiven(destructive, '')).toBe(false);
    expect(confirmationGiven(destructive, 'pgadmi')).toBe(false);
    expect(confirmationGiven(destructive, 'PGADMIN')).toBe(false);
    expect(confirmationGiven(destructive, 'pgadmin')).toBe(true);
  });
});

describe('output per step', () => {
  it("cuts the runner's output at each step's command and at the post-check", () => {
    const sections = outputSections([
      info('$ docker restart -t 30 pgadmin   (restart, vk03 over ssh)\n'),
      stdout('pgadmin\n'),
      info('exit 0 in 0.0 s\n'),
      info('$ docker logs --tail 5 pgadmin   (logs, vk03 over ssh)\n'),
      { stream: 'stderr', text: 'warning\n' },
      info('post-check: container-healthy, polled with docker inspect for up to 60 s\n'),
      info('post-check passed after 2.0 s: pgadmin is running\n'),
    ]);
    expect(sections.map((section) => [section.kind, section.heading])).toEqual([
      ['step', '$ docker restart -t 30 pgadmin   (restart, vk03 over ssh)'],
      ['step', '$ docker logs --tail 5 pgadmin   (logs, vk03 over ssh)'],
      ['post-check', 'post-check: container-healthy, polled with docker inspect for up to 60 s'],
    ]);
    expect(sections[0]!.chunks.map((chunk) => chunk.text)).toEqual([
      'pgadmin\n',
      'exit 0 in 0.0 s\n',
    ]);
    expect(sections[2]!.chunks[0]!.text).toContain('post-check passed');
  });

  it('keeps output before the first step, and a stdout line that looks like a step', () => {
    const sections = outputSections([info('queued\n'), stdout('$ not a step\n')]);
    expect(sections).toEqual([
      {
        kind: 'preamble',
        heading: null,
        chunks: [info('queued\n'), stdout('$ not a step\n')],
      },
    ]);
  });
});

describe('the flow', () => {
  const shown = preview();

  it('goes preview → confirmation → run → output → result', () => {
    const running = play([
      { type: 'previewAsked' },
      { type: 'previewAnswered', answer: { ok: true, preview: shown } },
      { type: 'runAsked' },
      { type: 'runAnswered', answer: { ok: true, runId: 'r-1' } },
      { type: 'output', runId: 'r-1', chunk: stdout('pgadmin\n') },
      { type: 'output', runId: 'r-other', chunk: stdout('not mine\n') },
    ]);
    expect(running).toMatchObject({ phase: 'running', runId: 'r-1' });
    expect(running.phase === 'running' && running.output).toEqual([stdout('pgadmin\n')]);

    const ignored = flowReducer(running, { type: 'finished', result: result('r-other') });
    expect(ignored).toBe(running);
    const done = flowReducer(running, { type: 'finished', result: result('r-1') });
    expect(done).toMatchObject({ phase: 'finished', result: { runId: 'r-1', auditId: 46 } });
  });

  it('keeps output and a result that arrive before the run is answered', () => {
    const starting = play([
      { type: 'previewAsked' },
      { type: 'previewAnswered', answer: { ok: true, preview: shown } },
      { type: 'runAsked' },
      { type: 'output', runId: 'r-2', chunk: info('$ docker restart pgadmin\n') },
      { type: 'output', runId: 'r-9', chunk: stdout('another run\n') },
    ]);
    const running = flowReducer(starting, {
      type: 'runAnswered',
      answer: { ok: true, runId: 'r-2' },
    });
    expect(running.phase === 'running' && running.output).toEqual([
      info('$ docker restart pgadmin\n'),
    ]);

    const fast = play(
      [
        { type: 'finished', result: result('r-3') },
        { type: 'runAnswered', answer: { ok: true, runId: 'r-3' } },
      ],
      starting,
    );
    expect(fast).toMatchObject({ phase: 'finished', result: { runId: 'r-3' } });
  });

  it('does not run a destructive action until the name is typed', () => {
    const asked = play([
      { type: 'previewAsked' },
      { type: 'previewAnswered', answer: { ok: true, preview: destructive } },
      { type: 'typed', text: 'pgadm' },
      { type: 'runAsked' },
    ]);
    expect(asked.phase).toBe('preview');
    const typed = play([{ type: 'typed', text: 'pgadmin' }, { type: 'runAsked' }], asked);
    expect(typed.phase).toBe('starting');
  });

  it('shows a refusal of the preview or the run with its reason', () => {
    const refusal = { ok: false as const, code: 'role' as const, reason: 'viewers run nothing' };
    const refused = play([{ type: 'previewAsked' }, { type: 'previewAnswered', answer: refusal }]);
    expect(refused).toEqual({ phase: 'refused', refusal, preview: null });

    const busy = { ok: false as const, code: 'busy' as const, reason: 'another run holds it' };
    const late = play([
      { type: 'previewAsked' },
      { type: 'previewAnswered', answer: { ok: true, preview: shown } },
      { type: 'runAsked' },
      { type: 'runAnswered', answer: busy },
    ]);
    expect(late).toEqual({ phase: 'refused', refusal: busy, preview: shown });
  });

  it('marks a cancel as asked, and clears it when the core refuses', () => {
    const running = play([
      { type: 'previewAsked' },
      { type: 'previewAnswered', answer: { ok: true, preview: shown } },
      { type: 'runAsked' },
      { type: 'runAnswered', answer: { ok: true, runId: 'r-4' } },
      { type: 'cancelAsked' },
    ]);
    expect(running).toMatchObject({ phase: 'running', cancelAsked: true });
    const refusal = { ok: false as const, code: 'not-found' as const, reason: 'finished' };
    expect(flowReducer(running, { type: 'cancelRefused', refusal })).toMatchObject({
      cancelAsked: false,
    });
    const cancelled = flowReducer(running, {
      type: 'finished',
      result: result('r-4', { status: 'cancelled', exitCode: null }),
    });
    expect(cancelled).toMatchObject({ phase: 'finished', result: { status: 'cancelled' } });
  });

  it('cannot be closed or previewed over while a run goes', () => {
    const running = play([
      { type: 'previewAsked' },
      { type: 'previewAnswered', answer: { ok: true, preview: shown } },
      { type: 'runAsked' },
      { type: 'runAnswered', answer: { ok: true, runId: 'r-5' } },
    ]);
    expect(flowReducer(running, { type: 'closed' })).toBe(running);
    expect(flowReducer(running, { type: 'previewAsked' })).toBe(running);
  });

  it('turns a lost connection into a refusal that keeps the preview', () => {
    const failed = play([
      { type: 'previewAsked' },
      { type: 'previewAnswered', answer: { ok: true, preview: shown } },
      { type: 'failed', message: 'DISCONNECTED: the core went away' },
    ]);
    expect(failed).toMatchObject({
      phase: 'refused',
      preview: shown,
      refusal: { reason: 'DISCONNECTED: the core went away' },
    });
  });
});

describe('arguments', () => {
  // The catalog's JSON Schemas of container.logs and redis.diagnostics, as the core sends them.
  const logs = {
    type: 'object',
    properties: { lines: { default: 200, type: 'integer', minimum: 1, maximum: 5000 } },
    additionalProperties: false,
  };
  const redis = {
    type: 'object',
    properties: {
      db: { type: 'integer', minimum: 0, maximum: 15 },
      key: { type: 'string' },
      flags: { type: 'array' },
    },
  };

  it('reads integer and string arguments with their default and range', () => {
    expect(argumentFields(logs)).toEqual([
      { name: 'lines', kind: 'integer', defaultValue: 200, minimum: 1, maximum: 5000 },
    ]);
    expect(argumentFields(redis).map((field) => [field.name, field.kind])).toEqual([
      ['db', 'integer'],
      ['key', 'string'],
    ]);
    expect(argumentFields({ type: 'object' })).toEqual([]);
  });

  it('leaves empty fields to the core, and refuses a bad integer naming it', () => {
    const fields = argumentFields(redis);
    expect(argumentValues(fields, {})).toEqual({ args: {} });
    expect(argumentValues(fields, { db: ' 3 ', key: 'DB_Speed' })).toEqual({
      args: { db: 3, key: 'DB_Speed' },
    });
    expect(argumentValues(fields, { db: '3.5' })).toEqual({ name: 'db', problem: 'not-integer' });
    expect(argumentValues(fields, { db: '1e1' })).toEqual({ name: 'db', problem: 'not-integer' });
    expect(argumentValues(fields, { db: '16' })).toEqual({ name: 'db', problem: 'out-of-range' });
    expect(argumentValues(fields, { db: '-1' })).toEqual({ name: 'db', problem: 'out-of-range' });
  });
});

describe('audit', () => {
  it('lists records newest first', () => {
    expect(newestFirst([{ id: 3 }, { id: 9 }, { id: 5 }]).map((record) => record.id)).toEqual([
      9, 5, 3,
    ]);
  });
});
