// Threshold overrides through the contract (Settings, issue #7): the demo's live core lists every
// rule's thresholds, saves checked overrides into a real data directory (read again by the next
// core), refuses bad ones with every problem named, and a save reaches the running engine's
// rules at once.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assembleLiveCore, type LiveCore } from '../../electron/core/assemble';
import { createCore, emptyFleet, type Core } from '../../electron/core/core';
import { chooseFleet } from '../../electron/core/watched';
import { FindingsEngine } from '../../electron/findings/engine';
import { rules } from '../../electron/findings/rules';
import { THRESHOLDS_FILE, ThresholdSettings } from '../../electron/findings/threshold-settings';
import type { Rule, ThresholdValues } from '../../electron/findings/types';
import { ApiError, createClient, type ApiClient } from '../../shared/api/client';
import { createMemoryPipePair } from '../../shared/api/pipe';
import { temporaryDirectory } from '../helpers/temporary';

const opened: { stop(): Promise<void>; client: ApiClient }[] = [];
const savedDataDir = process.env.CONTROL_ROOM_DATA_DIR;

afterEach(async () => {
  for (const { stop, client } of opened.splice(0)) {
    client.close();
    await stop();
  }
  if (savedDataDir === undefined) delete process.env.CONTROL_ROOM_DATA_DIR;
  else process.env.CONTROL_ROOM_DATA_DIR = savedDataDir;
});

function attach(core: Core, stop: () => Promise<void>): ApiClient {
  const [clientPipe, corePipe] = createMemoryPipePair();
  core.router.attach(corePipe);
  const client = createClient(clientPipe);
  opened.push({ stop, client });
  return client;
}

/** The demo's live core as `serve --demo` assembles it, with its data in `dataDir`. */
function demoCore(dataDir: string): ApiClient {
  process.env.CONTROL_ROOM_DATA_DIR = dataDir;
  // Speed 0: the demo stands still, so nothing is collected behind the test's back.
  const live: LiveCore = assembleLiveCore(chooseFleet({ demo: true }, 0), {
    mode: 'test',
    record: false,
  });
  return attach(live.core, () => live.stop());
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('thresholds.list', () => {
  it("lists every rule's thresholds with unit, doc, default and the value in use", async () => {
    const dataDir = temporaryDirectory('thresholds');
    const answer = await demoCore(dataDir).call('thresholds.list', {});
    expect(answer.file).toBe(join(dataDir, THRESHOLDS_FILE));
    expect(answer.reason).toBeNull();
    const declared = rules.filter((rule) => Object.keys(rule.thresholds).length > 0);
    expect(answer.rules.map((rule) => rule.ruleId)).toEqual(declared.map((rule) => rule.id));
    const leak = answer.rules.find((rule) => rule.ruleId === 'memory-leak')!;
    expect(leak.thresholds.find((item) => item.name === 'minRateMbPerHour')).toEqual({
      name: 'minRateMbPerHour',
      unit: 'MB/h',
      doc: expect.stringContaining('growth') as string,
      defaultValue: 1,
      value: 1,
    });
  });

  it('lists the defaults read-only where no findings engine runs', async () => {
    const core = createCore({ mode: 'test', fleet: emptyFleet });
    const client = attach(core, () => core.stop());
    const answer = await client.call('thresholds.list', {});
    expect(answer.file).toBeNull();
    expect(answer.reason).toMatch(/no findings engine/);
    expect(answer.rules.length).toBeGreaterThan(20);
    const error = await failure(client.call('thresholds.save', { overrides: {} }));
    expect(error.code).toBe('UNAVAILABLE');
  });
});

describe('thresholds.save', () => {
  it('keeps overrides in the data directory and the next core starts with them', async () => {
    const dataDir = temporaryDirectory('thresholds');
    const client = demoCore(dataDir);
    const overrides = {
      'memory-leak': { minRateMbPerHour: 2.5, warningHours: 6 },
      'container-crash-loop': { minRestarts: 5 },
    };
    const answer = await client.call('thresholds.save', { overrides });
    const leak = answer.rules.find((rule) => rule.ruleId === 'memory-leak')!;
    expect(leak.thresholds.find((item) => item.name === 'minRateMbPerHour')?.value).toBe(2.5);
    // warningHours 6 is the default: stored as "not overridden".
    const stored = JSON.parse(readFileSync(join(dataDir, THRESHOLDS_FILE), 'utf8')) as unknown;
    expect(stored).toEqual({
      version: 1,
      overrides: {
        'memory-leak': { minRateMbPerHour: 2.5 },
        'container-crash-loop': { minRestarts: 5 },
      },
    });

    const next = demoCore(dataDir);
    const listed = await next.call('thresholds.list', {});
    const crash = listed.rules.find((rule) => rule.ruleId === 'container-crash-loop')!;
    expect(crash.thresholds.find((item) => item.name === 'minRestarts')).toMatchObject({
      defaultValue: 3,
      value: 5,
    });

    // Saving no overrides is "reset everything to the defaults".
    await next.call('thresholds.save', { overrides: {} });
    expect(JSON.parse(readFileSync(join(dataDir, THRESHOLDS_FILE), 'utf8'))).toEqual({
      version: 1,
      overrides: {},
    });
  });

  it('refuses bad values, naming every rule and threshold, and stores nothing', async () => {
    const dataDir = temporaryDirectory('thresholds');
    const client = demoCore(dataDir);
    const overrides = {
      'memory-leak': { minRateMbPerHour: -1, minSpanMinutes: 45 },
      'container-crash-loop': { minRestarts: 2.5 },
      'oom-kill-pattern': { dropFraction: 1.5 },
      'resource-pressure': { topTwoPct: 140 },
      'cold-state': { minHours: 1 },
      'no-such-rule': { anything: 1 },
    };
    const error = await failure(client.call('thresholds.save', { overrides }));
    expect(error.code).toBe('INVALID_ARGS');
    const lines = error.message.split('\n');
    expect(lines).toEqual([
      'not saved:',
      'rule memory-leak, threshold minRateMbPerHour: -1 MB/h is out of range; ' +
        'it must be above 0 MB/h',
      'rule container-crash-loop, threshold minRestarts: 2.5 is not a whole number',
      'rule oom-kill-pattern, threshold dropFraction: 1.5 fraction is out of range; ' +
        'it must be above 0 and at most 1 fraction',
      'rule resource-pressure, threshold topTwoPct: 140 % is out of range; ' +
        'it must be at least 0 and at most 100 %',
      'rule cold-state, threshold minHours: no such threshold (the rule has minMinutes)',
      'rule no-such-rule: no such rule',
    ]);
    const listed = await client.call('thresholds.list', {});
    const leak = listed.rules.find((rule) => rule.ruleId === 'memory-leak')!;
    expect(leak.thresholds.find((item) => item.name === 'minSpanMinutes')?.value).toBe(30);
    expect(() => readFileSync(join(dataDir, THRESHOLDS_FILE))).toThrow(/ENOENT/);

    const notNumber = await failure(
      client.call('thresholds.save', {
        overrides: { 'memory-leak': { minRateMbPerHour: 'fast' as unknown as number } },
      }),
    );
    expect(notNumber.code).toBe('INVALID_ARGS');
    expect(notNumber.message).toMatch(/minRateMbPerHour/);
  });

  it('falls back to defaults for a bad file and skips entries that no longer fit', async () => {
    const dataDir = temporaryDirectory('thresholds');
    writeFileSync(join(dataDir, THRESHOLDS_FILE), '{ not json');
    const broken = await demoCore(dataDir).call('thresholds.list', {});
    expect(
      broken.rules.every((rule) => rule.thresholds.every((t) => t.value === t.defaultValue)),
    ).toBe(true);

    const overrides = {
      'cold-state': { minMinutes: 20, renamedSince: 3 },
      'node-dark': { minDarkMinutes: -5 },
    };
    writeFileSync(join(dataDir, THRESHOLDS_FILE), JSON.stringify({ version: 1, overrides }));
    const partly = await demoCore(dataDir).call('thresholds.list', {});
    const value = (ruleId: string, name: string) =>
      partly.rules.find((rule) => rule.ruleId === ruleId)!.thresholds.find((t) => t.name === name)
        ?.value;
    expect(value('cold-state', 'minMinutes')).toBe(20);
    expect(value('node-dark', 'minDarkMinutes')).toBe(5);
  });
});

describe('a save reaches the running engine', () => {
  it("hands the new values to the rule's next evaluation", async () => {
    const seen: ThresholdValues[] = [];
    const probe: Rule = {
      id: 'probe',
      findingClass: 'cold-state',
      title: 'Probe',
      inputs: [],
      thresholds: { minMinutes: { value: 10, unit: 'min', doc: 'A probe.' } },
      sentence: '',
      actions: [],
      resolution: '',
      evaluate(_history, thresholds) {
        seen.push(thresholds);
        return [];
      },
    };
    const engine = new FindingsEngine({ rules: [probe] });
    const thresholds = new ThresholdSettings({
      file: join(temporaryDirectory('thresholds'), THRESHOLDS_FILE),
      rules: [probe],
      apply: (overrides) => engine.setThresholds(overrides),
    });
    const core = createCore({ mode: 'test', fleet: emptyFleet, thresholds });
    const client = attach(core, () => core.stop());
    engine.runRules(0);
    await client.call('thresholds.save', { overrides: { probe: { minMinutes: 42 } } });
    engine.runRules(0);
    await client.call('thresholds.save', { overrides: {} });
    engine.runRules(0);
    expect(seen).toEqual([{ minMinutes: 10 }, { minMinutes: 42 }, { minMinutes: 10 }]);
  });
});
