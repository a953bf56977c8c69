// The scenario file is data: the shipped one validates, and a broken one is answered with every
// problem by file, line and field, like a broken fleet file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCENARIO_FILE,
  formatScenarioProblem,
  loadScenarioFile,
  parseScenario,
  type ScenarioProblem,
} from '../../electron/demo/scenario';

const shipped = readFileSync(DEFAULT_SCENARIO_FILE, 'utf8');

/** The shipped text with one line replaced, and the problems that makes. */
function problemsAfter(search: string, replacement: string): ScenarioProblem[] {
  expect(shipped).toContain(search);
  const result = parseScenario(shipped.replace(search, replacement), 'broken.yaml');
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

function lineOf(search: string): number {
  return shipped.slice(0, shipped.indexOf(search)).split('\n').length;
}

describe('the scenario file', () => {
  it('ships valid: three nodes, the timeline of the report, every channel', () => {
    const result = loadScenarioFile();
    expect(result.ok ? [] : result.problems.map(formatScenarioProblem)).toEqual([]);
    if (!result.ok) return;
    const { scenario } = result;
    expect(Object.keys(scenario.nodes)).toEqual(['vk01', 'vk02', 'vk03']);
    expect(scenario.timeline.map((event) => event.type)).toContain('dark');
    expect(scenario.timeline.every((event) => event.report !== undefined)).toBe(true);
    const vk02 = scenario.nodes.vk02;
    const visualizer = vk02?.containers.find((entry) => entry.name === 'visionking-visualizer');
    expect(visualizer?.memory.leakPerHour).toBeCloseTo(2.7 * 1024 * 1024, 0);
  });

  it('names the line and field of a value in the wrong unit', () => {
    const search = 'leakPerHour: 2.7 MiB';
    const [problem] = problemsAfter(search, 'leakPerHour: a little');
    expect(problem).toMatchObject({
      file: 'broken.yaml',
      line: lineOf(search),
      message: 'a size such as 414 MiB, 5.78 GB or 1024',
    });
    expect(problem?.field).toMatch(/^nodes\.vk02\.containers\.\d+\.memory\.leakPerHour$/);
  });

  it('refuses a duration it cannot read and a placeholder it does not know', () => {
    const problems = problemsAfter('every: 875ms', 'every: soon').concat(
      problemsAfter("Inicio readBar'", "Inicio {barcode}'"),
    );
    expect(problems.map((problem) => problem.message)).toEqual([
      'a duration such as 90s, 15min, 2h 30min or 3d',
      expect.stringMatching(/^unknown placeholder \{barcode\}/),
    ]);
    expect(problems[0]?.line).toBe(lineOf('every: 875ms'));
  });

  it('checks that events and channels name containers that exist', () => {
    const problems = problemsAfter(
      'containers: [intel-gpu-exporter]',
      'containers: [intel-gpu-exporterr]',
    );
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'timeline.6.containers',
        message: 'no container intel-gpu-exporterr on vk01',
      }),
    ]);
    const redis = problemsAfter('container: keydb', 'container: redis');
    expect(redis.map(formatScenarioProblem)).toContain(
      'broken.yaml:' +
        lineOf('container: keydb') +
        ': nodes.vk01.redis.container: ' +
        'no container redis on this node',
    );
  });

  it('is described event by event in docs/demo-plant.md', () => {
    const docs = readFileSync('docs/demo-plant.md', 'utf8');
    const offsets = [...shipped.matchAll(/^ {2}- at: (.+)$/gm)].map((match) => match[1]);
    expect(offsets.length).toBeGreaterThan(5);
    for (const offset of offsets) expect(docs).toContain(`| ${offset} |`);
  });

  it('reports YAML syntax errors with their line, and unknown fields', () => {
    const syntax = parseScenario('name: [unclosed\nseed: 1\n', 'bad.yaml');
    expect(syntax.ok ? null : syntax.problems[0]?.message).toMatch(/^not valid YAML/);
    const unknown = problemsAfter('cpuCores: 8', 'cpuCores: 8\n    gpuCount: 0');
    expect(unknown[0]?.message).toMatch(/gpuCount/);
  });
});
