// The live core `serve` and the desktop app run: the demo plant with its findings engine and
// action runner behind the contract, so every domain answers without further wiring.
import { afterEach, describe, expect, it } from 'vitest';
import { assembleLiveCore, type LiveCore } from '../../electron/core/assemble';
import { chooseFleet } from '../../electron/core/watched';
import { createClient } from '../../shared/api/client';
import { createMemoryPipePair } from '../../shared/api/pipe';

let live: LiveCore | null = null;

afterEach(async () => {
  await live?.stop();
  live = null;
});

describe('assembleLiveCore', () => {
  it('serves the demo plant with its action runner and findings engine', async () => {
    // Speed 0: the demo stands still, so nothing is collected behind the test's back.
    live = assembleLiveCore(chooseFleet({ demo: true }, 0), { mode: 'test', record: false });
    const [clientPipe, corePipe] = createMemoryPipePair();
    live.core.router.attach(corePipe);
    const client = createClient(clientPipe);
    const catalog = await client.call('actions.catalog', {});
    expect(catalog.map((entry) => entry.id)).toContain('container.restart');
    // A session starts as a viewer: raising the role needs the PIN (docs/actions.md).
    expect(await client.call('role.current', {})).toMatchObject({ role: 'viewer' });
    expect(Array.isArray(await client.call('findings.list', {}))).toBe(true);
    client.close();
  });

  it('leaves actions out for an empty fleet', () => {
    const watched = chooseFleet({});
    expect(watched.actions).toBeUndefined();
  });
});
