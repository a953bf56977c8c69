// The packaging configuration, checked without the Electron download the packaging itself needs:
// electron-builder's own schema validation, the targets, the asar and fuses settings, the bundle
// file association and the icons; and the afterPack hook run on a stand-in Electron binary.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { crc32, inflateSync } from 'node:zlib';
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../helpers/temporary';

const root = process.cwd();
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
> & {
  linux: { target: string[]; icon: string };
  win: { target: string[] };
  fileAssociations: { ext: string; name: string; role: string; icon: string }[];
  afterPack: string;
};

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validation", async () => {
    const require = createRequire(import.meta.url);
    const { getConfig, validateConfiguration } =
      require('app-builder-lib/out/util/config/config') as {
        getConfig: (dir: string, path: string, options: null) => Promise<Record<string, unknown>>;
        validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
      };
    const { DebugLogger } = require('builder-util') as {
      DebugLogger: new (on: boolean) => unknown;
    };
    const loaded = await getConfig(root, join(root, 'electron-builder.yml'), null);

    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
    // The validation is real: a misspelt option is refused.
    await expect(
      validateConfiguration({ ...loaded, asarr: true }, new DebugLogger(false)),
    ).rejects.toThrow(/asarr/);
  });

  it('builds AppImage and deb for Linux and an NSIS installer for Windows', () => {
    expect(config.appId).toBe('com.visionking.controlroom');
    expect(config.productName).toBe('VisionKing Control Room');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('packs everything into an asar, native modules unpacked and rebuilt for Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(true);
    expect(config.files).toEqual(['out/**', '!out/**/*.map', 'package.json']);
  });

  it('flips the fuses after packing with a hook that exists', () => {
    expect(config.afterPack).toBe('./build/after-pack.mjs');
    expect(existsSync(join(root, config.afterPack))).toBe(true);
  });

  it('opens .vkbundle files with the app', () => {
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'vkbundle', name: 'VisionKing bundle', role: 'Viewer' }),
    ]);
    expect(existsSync(join(root, config.fileAssociations[0]?.icon ?? ''))).toBe(true);
  });

  it.each([
    ['assets/icons/icon.png', 512],
    ['assets/icons/512x512.png', 512],
    ['assets/icons/256x256.png', 256],
  ])('%s is a valid RGBA PNG of %i × %i', (file, size) => {
    expect(readPng(join(root, file))).toEqual({ width: size, height: size, colorType: 6 });
  });

  it('names the icons that exist: the Windows PNG and the Linux size folder', () => {
    expect(readPng(join(root, String(config.icon))).width).toBeGreaterThanOrEqual(256);
    expect(config.linux.icon).toBe('assets/icons');
  });
});

/** Checks signature, chunk CRCs and that IDAT inflates to the size IHDR promises. */
function readPng(file: string): { width: number; height: number; colorType: number } {
  const bytes = readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature)) throw new Error(`${file}: not a PNG`);
  let offset = 8;
  let header: { width: number; height: number; depth: number; colorType: number } | null = null;
  const data: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    const crc = bytes.readUInt32BE(offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== crc) {
      throw new Error(`${file}: bad CRC in ${type}`);
    }
    if (type === 'IHDR') {
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body[8] ?? 0,
        colorType: body[9] ?? 0,
      };
    }
    if (type === 'IDAT') data.push(body);
    if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (!header || header.depth !== 8) throw new Error(`${file}: no 8-bit IHDR`);
  const channels = header.colorType === 6 ? 4 : 3;
  const pixels = inflateSync(Buffer.concat(data));
  if (pixels.length !== header.height * (1 + header.width * channels)) {
    throw new Error(`${file}: image data does not match its size`);
  }
  return { width: header.width, height: header.height, colorType: header.colorType };
}

/** A file holding Electron's fuse wire as Electron 42 ships it (defaults), amid other bytes. */
function standInElectron(file: string): void {
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  // RunAsNode, CookieEncryption, NodeOptions, Inspect, AsarIntegrity, OnlyAsar, V8Snapshot, File
  const defaults = '10110001';
  const wire = Buffer.concat([
    Buffer.from(SENTINEL, 'latin1'),
    Buffer.from([1, defaults.length]),
    Buffer.from(defaults, 'latin1'),
  ]);
  writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 7), wire, Buffer.alloc(4096, 9)]));
}

describe('the afterPack hook', () => {
  const ENABLE = 49;
  const DISABLE = 48;
  interface Hook {
    afterPack(context: object): Promise<void>;
    electronBinaryPath(context: object): string;
    fuseConfig(platform: string, arch: number): { resetAdHocDarwinSignature: boolean };
  }

  it('flips the release fuses in the packed Linux binary', async () => {
    const hook = (await import(join(root, 'build/after-pack.mjs'))) as Hook;
    const appOutDir = temporaryDirectory('packed');
    const binary = join(appOutDir, 'visionking-control-room');
    standInElectron(binary);
    const before = readFileSync(binary);

    await hook.afterPack({
      appOutDir,
      electronPlatformName: 'linux',
      arch: 1,
      packager: { executableName: 'visionking-control-room' },
    });

    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ENABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(DISABLE);
    // Only the fuse bytes changed.
    const after = readFileSync(binary);
    expect(after.length).toBe(before.length);
    const changed = [...after.keys()].filter((index) => after[index] !== before[index]);
    expect(changed.length).toBeLessThanOrEqual(8);
  });

  it('finds the Windows binary by product name; fails loudly on one without fuses', async () => {
    const hook = (await import(join(root, 'build/after-pack.mjs'))) as Hook;
    const appOutDir = temporaryDirectory('packed-win');
    const context = {
      appOutDir,
      electronPlatformName: 'win32',
      arch: 1,
      packager: { appInfo: { productFilename: 'VisionKing Control Room' } },
    };
    expect(hook.electronBinaryPath(context)).toBe(join(appOutDir, 'VisionKing Control Room.exe'));
    mkdirSync(appOutDir, { recursive: true });
    writeFileSync(hook.electronBinaryPath(context), Buffer.alloc(1024));
    await expect(hook.afterPack(context)).rejects.toThrow(/sentinel/);
    // The same binary with a fuse wire is flipped.
    standInElectron(join(appOutDir, 'wired'));
    copyFileSync(join(appOutDir, 'wired'), hook.electronBinaryPath(context));
    await expect(hook.afterPack(context)).resolves.toBeUndefined();
  });

  it('re-signs arm64 macOS builds only', async () => {
    const hook = (await import(join(root, 'build/after-pack.mjs'))) as Hook;
    expect(hook.fuseConfig('darwin', 3).resetAdHocDarwinSignature).toBe(true);
    expect(hook.fuseConfig('darwin', 1).resetAdHocDarwinSignature).toBe(false);
    expect(hook.fuseConfig('linux', 3).resetAdHocDarwinSignature).toBe(false);
  });
});
