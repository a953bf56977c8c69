// The core's utility-process entry, driven through a stand-in parent port with real ports.
import { EventEmitter } from 'node:events';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPortPipe } from '../../electron/core/port-pipe';
import {
  runUtilityCore,
  type CoreToShellMessage,
  type ParentPortLike,
  type UtilityCore,
} from '../../electron/core/utility-entry';
import { createClient } from '../../shared/api/client';
import { asMessagePortMain, FakeMessagePortMain } from './electron-stand-in';

interface Harness {
  core: UtilityCore;
  sentToShell: CoreToShellMessage[];
  exit: ReturnType<typeof vi.fn>;
  /** Sends the core a message from the shell, optionally with ports. */
  fromShell(data: unknown, ports?: FakeMessagePortMain[]): void;
}

const started: UtilityCore[] = [];

function startCore(): Harness {
  const events = new EventEmitter();
  const sentToShell: CoreToShellMessage[] = [];
  const parentPort: ParentPortLike = {
    on: (event, listener) => events.on(event, listener),
    postMessage: (message) => sentToShell.push(message),
  };
  const exit = vi.fn();
  const core = runUtilityCore(parentPort, { exit });
  started.push(core);
  const fromShell = (data: unknown, ports: FakeMessagePortMain[] = []) =>
    events.emit('message', { data, ports });
  return { core, sentToShell, exit, fromShell };
}

function connectRenderer(harness: Harness) {
  const { port1, port2 } = new MessageChannel();
  harness.fromShell({ type: 'connect' }, [asMessagePortMain(port1)]);
  const pipe = createPortPipe(asMessagePortMain(port2));
  return { client: createClient(pipe), pipe };
}

describe('the core as a utility process', () => {
  afterEach(() => {
    for (const core of started.splice(0)) core.shutdown();
  });

  it('tells the shell it is ready', () => {
    expect(startCore().sentToShell).toEqual([{ type: 'ready' }]);
  });

  it('serves the contract in desktop mode on every port the shell sends', async () => {
    const harness = startCore();
    const first = connectRenderer(harness);
    const second = connectRenderer(harness);

    await expect(first.client.call('app.info', {})).resolves.toMatchObject({ mode: 'desktop' });
    await expect(second.client.call('app.ping', { echo: 'two' })).resolves.toMatchObject({
      echo: 'two',
    });
    expect(harness.core.pipeCount).toBe(2);
    first.pipe.close();
    await vi.waitFor(() => expect(harness.core.pipeCount).toBe(1));
    second.pipe.close();
  });

  it('closes its ports and exits with code 0 when the shell says stop', async () => {
    const harness = startCore();
    const renderer = connectRenderer(harness);
    await renderer.client.call('app.info', {});
    const closed = new Promise((resolve) => renderer.pipe.onClose(resolve));

    harness.fromShell({ type: 'stop' });

    await closed;
    await vi.waitFor(() => expect(harness.exit).toHaveBeenCalledExactlyOnceWith(0));
  });

  it('ignores messages it does not know and keeps serving', async () => {
    const harness = startCore();
    harness.fromShell({ type: 'format-disk' });
    harness.fromShell(null);
    const renderer = connectRenderer(harness);

    await expect(renderer.client.call('app.info', {})).resolves.toMatchObject({ mode: 'desktop' });
    expect(harness.exit).not.toHaveBeenCalled();
    renderer.pipe.close();
  });
});
