import { describe, expect, it } from 'vitest';
import { parseEngineContainers, parsePortainerEndpoints } from '../../electron/probes/portainer';
import { expectAllCovered, problemTexts, readFixture } from './fixtures';

const FOLDER = '14-portainer';
const files = {
  emptyList: 'docker-engine-api-containers-json-empty-list-17.12.txt',
  endpoints: 'portainer-1.2x-api-endpoints-snapshot-docker18.09-excerpt.txt',
};

it('covers every Portainer fixture', () => {
  expectAllCovered(FOLDER, Object.values(files));
});

describe('Portainer /api/endpoints', () => {
  it('reports the published excerpt as truncated at its last line, without guessing', () => {
    const text = readFixture(FOLDER, files.endpoints);
    const result = parsePortainerEndpoints(text);
    expect(result.value).toEqual([]);
    const lastLine = text.trimEnd().split('\n').length;
    expect(problemTexts(result)).toEqual([`line ${lastLine}: JSON ends early (truncated?)`]);
  });

  it('reads the same endpoint once the document is complete', () => {
    // The excerpt stops after `"Volumes": null,`; closing it leaves the real answer's values.
    const text = readFixture(FOLDER, files.endpoints).trimEnd().replace(/,$/, '');
    const closed = `${text}\n}}]}]`;
    const { value, problems } = parsePortainerEndpoints(closed);
    expect(problems).toEqual([]);
    expect(value).toEqual([
      {
        id: 1,
        name: 'primary',
        url: 'unix:///var/run/docker.sock',
        up: true,
        snapshot: {
          takenAt: new Date(1567104079 * 1000).toISOString(),
          dockerVersion: '18.09.0',
          runningContainers: 10,
          stoppedContainers: 1,
          totalMemoryBytes: 971128832,
          totalCpus: 4,
        },
      },
    ]);
  });

  it('reads a down endpoint without snapshots', () => {
    const [endpoint] = parsePortainerEndpoints('[{"Id":2,"Name":"vk02","Status":2}]').value;
    expect(endpoint).toEqual({ id: 2, name: 'vk02', url: null, up: false, snapshot: null });
  });

  it('reports an error object and non-object items', () => {
    expect(problemTexts(parsePortainerEndpoints('{"message":"Unauthorized"}'))).toEqual([
      'line 1: not a JSON array',
    ]);
    expect(problemTexts(parsePortainerEndpoints('[null]'))).toEqual(['field [0]: not an object']);
  });
});

describe('Engine API /containers/json through Portainer', () => {
  it('reads [] as an engine that runs no container', () => {
    expect(parseEngineContainers(readFixture(FOLDER, files.emptyList))).toEqual({
      value: [],
      problems: [],
    });
  });

  it('reads names, images and states', () => {
    const body = JSON.stringify([
      {
        Id: 'abc',
        Names: ['/visionking-inference'],
        Image: 'dev-visionking-inference:c014',
        State: 'running',
        Status: 'Up 2 hours',
      },
      { Id: 'def', Names: ['/intel-gpu-exporter'], Image: 'x', Status: 'Restarting (1) 3 s ago' },
    ]);
    expect(parseEngineContainers(body).value).toEqual([
      {
        id: 'abc',
        name: 'visionking-inference',
        image: 'dev-visionking-inference:c014',
        tag: 'c014',
        state: 'running',
        status: 'Up 2 hours',
      },
      {
        id: 'def',
        name: 'intel-gpu-exporter',
        image: 'x',
        tag: 'latest',
        state: 'restarting',
        status: 'Restarting (1) 3 s ago',
      },
    ]);
  });

  it('reports a body that is not a list', () => {
    expect(problemTexts(parseEngineContainers(''))).toEqual(['line 1: empty']);
  });
});
