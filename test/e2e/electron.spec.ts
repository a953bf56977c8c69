// Smoke test of the real desktop app: build it, launch it with Electron, see the window and the
// connection indicator reach Connected. Electron's binary cannot be downloaded on our machines,
// so this runs only where node_modules/electron has one and says so when it skips.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, test, type ElectronApplication } from '@playwright/test';

const root = fileURLToPath(new URL('../..', import.meta.url));
const electronPackage = join(root, 'node_modules', 'electron');

/** The Electron executable the npm package installed, or null when it has none. */
function installedElectron(): string | null {
  const pathFile = join(electronPackage, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronPackage, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const electronBinary = installedElectron();

const skipReason =
  'The Electron binary is not installed (node_modules/electron/path.txt or dist/ is missing; ' +
  'it cannot be downloaded here). The shell is covered by test/shell with a stand-in.';

// The list reporter does not show skip reasons, so say it where everyone reads.
if (electronBinary === null) console.log(`Skipping the real-Electron smoke test: ${skipReason}`);

test.describe('the desktop app in real Electron', () => {
  test.skip(electronBinary === null, skipReason);

  let app: ElectronApplication;
  let dataDirectory: string;

  test.beforeAll(async () => {
    const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    execFileSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' });
    dataDirectory = mkdtempSync(join(tmpdir(), 'control-room-electron-'));
    // Chromium refuses to start as root without this switch (our containers run as root).
    const sandboxSwitch = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await _electron.launch({
      executablePath: electronBinary ?? '',
      args: [...sandboxSwitch, root],
      env: { ...process.env, CONTROL_ROOM_DATA_DIR: dataDirectory },
    });
  });

  test.afterAll(async () => {
    await app?.close();
    if (dataDirectory) rmSync(dataDirectory, { recursive: true, force: true });
  });

  test('opens the control room window and connects it to the core', async () => {
    const page = await app.firstWindow();

    await expect(page).toHaveTitle(/VisionKing Control Room/);
    await expect(page.getByRole('status')).toHaveText(/Connected/);
    // The sandboxed page has no Node: only the preload's named bridge.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    );
    expect(
      await page.evaluate(() => Object.keys(Reflect.get(window, 'controlRoom') ?? {}).sort()),
    ).toEqual(['on', 'onConnectionState', 'requests']);
  });
});
