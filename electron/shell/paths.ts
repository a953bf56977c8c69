// Where the built app's parts lie relative to the main bundle (out/main/index.js):
// out/main/core.js, out/preload/index.cjs and out/renderer/. electron.vite.config.ts writes them.
import { join } from 'node:path';

export interface AppPaths {
  /** The sandboxed preload, CommonJS because sandboxed preloads cannot be ES modules. */
  preload: string;
  /** The built renderer folder served on app://control-room/. */
  renderer: string;
  /** The core's utility-process entry. */
  core: string;
}

export function builtPaths(mainDirectory: string): AppPaths {
  return {
    preload: join(mainDirectory, '..', 'preload', 'index.cjs'),
    renderer: join(mainDirectory, '..', 'renderer'),
    core: join(mainDirectory, 'core.js'),
  };
}
