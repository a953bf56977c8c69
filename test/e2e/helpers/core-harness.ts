// One core under test, with the faults end-to-end tests inject: kill it outright, start it again
// on the same port with the same token. Every process it started is stopped by `dispose`.
import type { ChildProcess } from 'node:child_process';
import {
  createDataDirectory,
  removeDataDirectory,
  startCore,
  stopProcess,
  type CoreProcess,
} from './core-process';

export class CoreHarness {
  private readonly started: ChildProcess[] = [];
  private current: CoreProcess | null = null;

  private constructor(
    private readonly dataDir: string,
    private readonly serveArgs: readonly string[],
  ) {}

  /** Starts `control-room serve` with `serveArgs` (such as `--demo`) on a free port. */
  static async start(serveArgs: readonly string[] = []): Promise<CoreHarness> {
    const harness = new CoreHarness(await createDataDirectory(), serveArgs);
    await harness.launch({});
    return harness;
  }

  get core(): CoreProcess {
    if (!this.current) throw new Error('the core is not running');
    return this.current;
  }

  /** Kills the core with SIGKILL: no goodbye on the socket, as when the process crashes. */
  async kill(): Promise<void> {
    await stopProcess(this.core.child, 'SIGKILL');
    this.current = null;
  }

  /** Starts a new core on the port and with the token of the first, so open pages can return. */
  async restart(previous: { port: number; token: string }): Promise<CoreProcess> {
    return this.launch(previous);
  }

  async dispose(): Promise<void> {
    for (const child of this.started) await stopProcess(child, 'SIGKILL');
    await removeDataDirectory(this.dataDir);
  }

  private async launch(options: { port?: number; token?: string }): Promise<CoreProcess> {
    const core = await startCore({ dataDir: this.dataDir, serveArgs: this.serveArgs, ...options });
    this.started.push(core.child);
    this.current = core;
    return core;
  }
}
