#!/usr/bin/env node
// `npm start`: the desktop app where the Electron binary is installed, otherwise browser mode.
// Electron's binary is a separate download some machines cannot fetch; the app must still start.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The Electron executable, or null with the reason it is not usable. */
function findElectron() {
  try {
    const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return { binary: null, reason: 'its download did not run' };
    const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? { binary } : { binary: null, reason: `${binary} is missing` };
  } catch {
    return { binary: null, reason: 'the electron package is not installed' };
  }
}

function runOrExit(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function startDesktop() {
  runOrExit(npm, ['run', 'build']);
  const child = spawn(npm, ['exec', '--', 'electron-vite', 'preview', '--skipBuild'], {
    cwd: root,
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}

/** Opens the URL in the system browser when there is a display; the URL is printed anyway. */
function openInBrowser(url) {
  const opener = { darwin: 'open', win32: 'explorer' }[process.platform] ?? 'xdg-open';
  const hasDisplay =
    process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
  if (!hasDisplay) return;
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

function startBrowserMode(reason) {
  console.log(`Electron's binary is not available (${reason}); starting browser mode instead.`);
  if (!existsSync(join(root, 'out', 'renderer', 'index.html')))
    runOrExit(npm, ['run', 'build:renderer']);

  // With no fleet file named, the app opens on the built-in demo plant.
  const extra = process.argv.slice(2);
  const source = extra.some((arg) => arg === '--fleet' || arg.startsWith('--fleet='))
    ? []
    : ['--demo'];
  const args = ['bin/control-room.js', 'serve', ...source, ...extra];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['inherit', 'pipe', 'inherit'] });
  let opened = false;
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(chunk.toString())?.[0];
    if (url && !opened) {
      opened = true;
      openInBrowser(url);
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const electron = findElectron();
if (electron.binary) startDesktop();
else startBrowserMode(electron.reason);
