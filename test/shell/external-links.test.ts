// Which addresses the desktop app may hand to the system browser: the watched fleet's endpoints.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { httpAddress, originOf, watchedFleetLinks } from '../../electron/shell/external-links';

vi.mock('electron', () => import('./electron-stand-in').then((module) => module.electronModule));

const EXAMPLE = new URL('../../assets/fleet-03002.example.yaml', import.meta.url);
let folder: string | undefined;

function fleetFile(text: string): string {
  folder ??= mkdtempSync(join(tmpdir(), 'control-room-links-'));
  const file = join(folder, 'fleet.yaml');
  writeFileSync(file, text);
  return file;
}

afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

describe("the fleet's links", () => {
  it("are every endpoint of the fleet file, in URL's normal form", () => {
    const file = fleetFile(readFileSync(EXAMPLE, 'utf8'));
    const links = watchedFleetLinks({ CONTROL_ROOM_FLEET: file });

    expect(links.has('https://10.244.70.50:9443/')).toBe(true);
    expect(links.has('http://10.244.70.20:5050/')).toBe(true);
    expect(links.has('http://10.244.70.20/')).toBe(true);
    expect(links.size).toBe(9); // 2 + 2 + 5 in the example
  });

  it('follow an edit of the file, since it is read at each request', () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    const file = fleetFile(text);
    expect(watchedFleetLinks({ CONTROL_ROOM_FLEET: file }).has('http://10.244.70.20:5050/')).toBe(
      true,
    );
    writeFileSync(
      file,
      text.replace('pgadmin: http://10.244.70.20:5050/', 'pgadmin: http://10.244.70.20:5055/'),
    );
    const links = watchedFleetLinks({ CONTROL_ROOM_FLEET: file });

    expect(links.has('http://10.244.70.20:5050/')).toBe(false);
    expect(links.has('http://10.244.70.20:5055/')).toBe(true);
  });

  it('are none for a broken or missing fleet file', () => {
    expect(watchedFleetLinks({ CONTROL_ROOM_FLEET: fleetFile('nodes: [') }).size).toBe(0);
    expect(watchedFleetLinks({ CONTROL_ROOM_FLEET: '/nonexistent/fleet.yaml' }).size).toBe(0);
  });

  it("are the demo plant's endpoints when no fleet file is watched", () => {
    const links = watchedFleetLinks({});

    expect(links.has('http://10.244.70.20:5050/')).toBe(true);
    expect(links.has('https://10.244.70.26:9443/')).toBe(true);
  });

  it('take only http and https, and the log sees an origin only', () => {
    expect(httpAddress('HTTPS://Example.com:443/a')).toBe('https://example.com/a');
    expect(httpAddress('javascript:alert(1)')).toBeNull();
    expect(httpAddress('file:///etc/passwd')).toBeNull();
    expect(httpAddress('not a url')).toBeNull();
    expect(originOf('http://admin:hunter2@10.0.0.1:5050/login?next=x')).toBe(
      'http://10.0.0.1:5050',
    );
    expect(originOf('not a url')).toBe('an unparsable address');
  });
});
