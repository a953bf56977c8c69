// The automated Electron security scan: the desktop app is built with electron-vite (no Electron
// binary needed) into a folder of its own, laid out as electron-builder packs it (out/ and
// package.json), and scanned with @doyensec/electronegativity. Any finding above LOW fails, as
// does a file the scanner could not parse. Excluded: AvailableSecurityFixesGlobalCheck, which
// downloads Electron's release list. The scanner cannot read a CSP held in a constant, so the
// policy itself is judged by the same evaluator (csp-evaluator) here.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/shell/csp';

const root = process.cwd();
const require = createRequire(import.meta.url);

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { value: number; name: string };
  confidence: { name: string };
  description: string;
  manualReview: boolean;
}

interface ScanResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Finding[];
}

type Scan = (options: {
  input: string;
  excludeFromScan: string[];
  isRelative: boolean;
}) => Promise<ScanResult>;

const scan = require('@doyensec/electronegativity') as Scan;
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const LOW = 1;

function describeFinding(finding: Finding): string {
  const where = `${finding.file}:${finding.location.line}:${finding.location.column}`;
  return `${finding.severity.name} ${finding.confidence.name} ${finding.id} ${where}`;
}

function report(label: string, result: ScanResult): void {
  const lines = [
    `electronegativity on ${label}: ${result.atomicChecks} atomic and ${result.globalChecks} ` +
      `global checks (excluded: ${EXCLUDED_CHECKS.join(', ')})`,
    ...result.issues.map((finding) => `  ${describeFinding(finding)}: ${finding.description}`),
    ...result.errors.map((error) => `  could not scan ${error.file}: ${error.message}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

// The build and the scan lie in the repository's git-ignored .tmp/, so the temporary
// electron-vite configuration resolves the project's packages.
let work: string;

beforeAll(() => {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  work = mkdtempSync(join(root, '.tmp', 'electronegativity-'));
  const config = join(work, 'electron.vite.config.ts');
  writeFileSync(
    config,
    `import base from '../../electron.vite.config';
const out = ${JSON.stringify(join(work, 'app', 'out'))};
const config = base as Record<string, { build: Record<string, unknown> }>;
const at = (name: string) => ({
  ...config[name],
  build: { ...config[name]?.build, outDir: out + '/' + name },
});
export default { ...config, main: at('main'), preload: at('preload'), renderer: at('renderer') };
`,
  );
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '-c', config, root],
    { cwd: root, stdio: 'pipe', timeout: 240_000 },
  );
  cpSync(join(root, 'package.json'), join(work, 'app', 'package.json'));
}, 300_000);

afterAll(() => {
  if (work) execFileSync('rm', ['-rf', '--', work]);
});

describe('electronegativity', () => {
  it('finds nothing above LOW in the built app', async () => {
    const result = await scan({
      input: join(work, 'app'),
      excludeFromScan: EXCLUDED_CHECKS,
      isRelative: true,
    });
    report('the built app', result);

    expect(result.atomicChecks).toBeGreaterThan(30);
    expect(result.errors.filter((error) => !error.tolerable)).toEqual([]);
    // The scan saw the shell: it found the CSP being set in the main bundle.
    expect(result.issues.some((finding) => finding.file.startsWith('out/main/'))).toBe(true);
    const serious = result.issues.filter((finding) => finding.severity.value > LOW);
    expect(serious.map(describeFinding)).toEqual([]);
  }, 120_000);

  it('fails a window that turns the protections off (the wrapper can fail)', async () => {
    const sample = join(work, 'insecure');
    mkdirSync(sample, { recursive: true });
    writeFileSync(
      join(sample, 'main.js'),
      `const { BrowserWindow } = require('electron');
new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false,
  sandbox: false, webSecurity: false } });
`,
    );
    const result = await scan({
      input: sample,
      excludeFromScan: EXCLUDED_CHECKS,
      isRelative: true,
    });
    report('a deliberately insecure window', result);
    const ids = result.issues.filter((finding) => finding.severity.value > LOW).map((f) => f.id);

    expect(ids).toEqual(
      expect.arrayContaining([
        'SANDBOX_JS_CHECK',
        'CONTEXT_ISOLATION_JS_CHECK',
        'WEB_SECURITY_JS_CHECK',
      ]),
    );
  }, 120_000);
});

describe('the one reviewed shell.openExternal', () => {
  it('sits alone in its chunk under the marker, and any other call is still flagged', async () => {
    const chunks = join(work, 'app', 'out', 'main', 'chunks');
    const reviewed = readdirSync(chunks).filter((name) => name.startsWith('reviewed-external-'));
    expect(reviewed).toHaveLength(1);
    const text = readFileSync(join(chunks, reviewed[0]!), 'utf8');
    expect(text.split('\n')[0]).toBe('/* eng-disable OPEN_EXTERNAL_JS_CHECK */');
    expect(text.match(/\.openExternal\(/g)).toHaveLength(1);
    // No other built file calls it.
    const others = builtFiles(join(work, 'app', 'out')).filter(
      (file) => !file.includes('reviewed'),
    );
    expect(others.filter((file) => readFileSync(file, 'utf8').includes('.openExternal('))).toEqual(
      [],
    );

    const sample = join(work, 'unreviewed');
    mkdirSync(sample, { recursive: true });
    writeFileSync(
      join(sample, 'main.js'),
      "const { shell } = require('electron');\n" +
        'module.exports = (url) => shell.openExternal(url);\n',
    );
    const result = await scan({
      input: sample,
      excludeFromScan: EXCLUDED_CHECKS,
      isRelative: true,
    });
    const ids = result.issues.filter((finding) => finding.severity.value > LOW).map((f) => f.id);
    expect(ids).toContain('OPEN_EXTERNAL_JS_CHECK');
  }, 120_000);
});

function builtFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.js') || name.endsWith('.cjs'))
    .map((name) => join(directory, name));
}

describe('the Content-Security-Policy, by csp-evaluator', () => {
  it('has no high, medium or syntax finding', () => {
    const csp = require('@doyensec/csp-evaluator') as {
      CspParser: new (text: string) => { csp: unknown };
      CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): CspFinding[] };
      Version: { CSP3: unknown };
      severities: Record<string, number>;
    };
    interface CspFinding {
      severity: number;
      directive: string;
      description: string;
    }
    const findings = new csp.CspEvaluator(
      new csp.CspParser(CONTENT_SECURITY_POLICY).csp,
      csp.Version.CSP3,
    ).evaluate();
    const { HIGH, SYNTAX, MEDIUM } = csp.severities;
    const serious = findings.filter((finding) => [HIGH, SYNTAX, MEDIUM].includes(finding.severity));
    for (const finding of findings) {
      process.stdout.write(`csp-evaluator: ${finding.directive}: ${finding.description}\n`);
    }

    expect(serious.map((finding) => `${finding.directive}: ${finding.description}`)).toEqual([]);
    // The evaluator does judge: a policy allowing inline scripts is refused.
    const weak = new csp.CspEvaluator(
      new csp.CspParser("script-src 'unsafe-inline' 'unsafe-eval'").csp,
      csp.Version.CSP3,
    ).evaluate();
    expect(weak.some((finding) => [HIGH, MEDIUM].includes(finding.severity))).toBe(true);
  });
});
