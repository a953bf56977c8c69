// electron-builder afterPack hook: flips Electron's fuses in the packed binary before it is
// signed, so a release cannot be turned into a general Node.js runtime or debugged from outside.
// electron-builder imports it for every platform and architecture (electron-builder.yml).
import path from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

/** Fuse settings of a release, by name (docs/security.md explains each). */
export const releaseFuses = Object.freeze({
  // ELECTRON_RUN_AS_NODE would make the signed binary a plain Node.js for any script.
  RunAsNode: false,
  // Cookies and other Chromium storage encrypted with the OS keychain key.
  EnableCookieEncryption: true,
  // NODE_OPTIONS could --require any file into the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect and friends would open a debugger port on the main process.
  EnableNodeCliInspectArguments: false,
  // app.asar is checked against the hash electron-builder embeds (macOS and Windows).
  EnableEmbeddedAsarIntegrityValidation: true,
  // Only app.asar is loaded: no app/ folder beside it can replace the code.
  OnlyLoadAppFromAsar: true,
  // The app serves itself on app://; file:// needs none of its extra privileges.
  GrantFileProtocolExtraPrivileges: false,
});

/** electron-builder's Arch enum value for arm64. */
const ARCH_ARM64 = 3;

/** The @electron/fuses configuration for one packed app. */
export function fuseConfig(electronPlatformName, arch) {
  const config = { version: FuseVersion.V1 };
  for (const [name, value] of Object.entries(releaseFuses)) config[FuseV1Options[name]] = value;
  // Flipping fuses breaks the ad-hoc signature of arm64 macOS builds; it is made again.
  config.resetAdHocDarwinSignature = electronPlatformName === 'darwin' && arch === ARCH_ARM64;
  return config;
}

/** Where electron-builder put the Electron binary of this packed app. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  }
  if (electronPlatformName === 'win32') {
    return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  }
  return path.join(appOutDir, packager.executableName);
}

export async function afterPack(context) {
  const binary = electronBinaryPath(context);
  const flipped = await flipFuses(binary, fuseConfig(context.electronPlatformName, context.arch));
  if (flipped < 1) throw new Error(`no fuse wire found in ${binary}`);
}

export default afterPack;
