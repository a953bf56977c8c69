// Bundles opened from the desktop (double-click, "Open with", the `.vkbundle` association of
// electron-builder.yml): Windows and Linux start the app with the file as an argument, or pass it
// to the running instance as `second-instance` argv; macOS sends `open-file`. Only an existing
// file with the bundle extension is taken; everything else on a command line is ignored.
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

export const BUNDLE_EXTENSION = '.vkbundle';
/** Longer paths are refused; the contract's `review.open` takes at most this many characters. */
export const MAX_BUNDLE_PATH_CHARS = 4096;

/** The bundle a path names, absolute, or null when it is not an existing bundle file. */
export function bundlePath(candidate: string, workingDirectory: string): string | null {
  if (candidate.length === 0 || candidate.length > MAX_BUNDLE_PATH_CHARS) return null;
  if (candidate.startsWith('-') || candidate.includes('\0')) return null;
  if (!candidate.toLowerCase().endsWith(BUNDLE_EXTENSION)) return null;
  const path = isAbsolute(candidate) ? candidate : resolve(workingDirectory, candidate);
  try {
    return statSync(path).isFile() ? path : null;
  } catch {
    return null;
  }
}

/** The last bundle named on a command line (the executable itself is never one). */
export function bundleFromArgv(argv: readonly string[], workingDirectory: string): string | null {
  const found = argv
    .slice(1)
    .map((argument) => bundlePath(argument, workingDirectory))
    .filter((path): path is string => path !== null);
  return found.at(-1) ?? null;
}
