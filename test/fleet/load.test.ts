import { describe, expect, it } from 'vitest';
import { formatProblem, loadFleetFile, parseFleet } from '../../electron/fleet/load';

const minimal = `
deployment: "03002"
nodes:
  vk01:
    role: processing
    host: 127.0.0.11
`;

function problemsOf(text: string): string[] {
  const result = parseFleet(text, 'fleet.yaml');
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('the fleet file', () => {
  it('accepts the example for deployment 03002 shipped in assets/', () => {
    const result = loadFleetFile('assets/fleet-03002.example.yaml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.fleet.nodes)).toEqual(['vk01', 'vk02', 'vk03']);
    expect(result.fleet.nodes.vk03?.postgres?.port).toBe(2347);
    expect(result.fleet.nodes.vk01?.redis?.watch[0]).toEqual({
      db: 0,
      key: 'DB_Speed',
      fields: ['Velocidade_Tratada'],
    });
  });

  it('fills in defaults: SSH port 22, collection every 5 s and 60 s', () => {
    const result = parseFleet(`${minimal}    ssh: { user: vk }\n`);
    expect(result.ok && result.fleet.nodes.vk01?.ssh?.port).toBe(22);
    expect(result.ok && result.fleet.collection).toEqual({
      fastIntervalSeconds: 5,
      slowIntervalSeconds: 60,
    });
  });

  it('names the file, line and field of a wrong value', () => {
    const text = `${minimal}    ssh: { user: vk, port: twenty-two }\n`;
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^fleet\.yaml:7: nodes\.vk01\.ssh\.port: .*number/),
    ]);
  });

  it('reports every problem at once, each on its own line', () => {
    const text = `
deployment: "03002"
nodes:
  VK 01:
    role: gateway
    host: 10.0.0.1
  vk02:
    host: 10.0.0.2
    prometheus: ftp://10.0.0.2
`;
    const problems = problemsOf(text);
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/fleet\.yaml:4: nodes\.VK 01: .*node id/);
    expect(problems.join('\n')).toMatch(
      /fleet\.yaml:5: nodes\.VK 01\.role: .*processing.*dashboard/,
    );
    expect(problems.join('\n')).toMatch(/fleet\.yaml:7: nodes\.vk02\.role: missing/);
    expect(problems.join('\n')).toMatch(/fleet\.yaml:9: nodes\.vk02\.prometheus: .*http/);
  });

  it('refuses secrets written in the file and says where to put them', () => {
    const problems = problemsOf(`${minimal}    postgres: { port: 2345, password: hunter2 }\n`);
    expect(problems).toEqual([
      'fleet.yaml:7: nodes.vk01.postgres.password: secrets never live in the fleet file; ' +
        'name an environment variable with passwordEnv',
    ]);
  });

  it('names an unknown field, such as a misspelling', () => {
    expect(problemsOf(`${minimal}    prometeus: http://x:9090\n`)).toEqual([
      'fleet.yaml:7: nodes.vk01.prometeus: unknown field prometeus',
    ]);
  });

  it('refuses a host key that is not an SHA-256 fingerprint', () => {
    const problems = problemsOf(`${minimal}    ssh: { user: vk, hostKey: "MD5:aa:bb" }\n`);
    expect(problems[0]).toMatch(/nodes\.vk01\.ssh\.hostKey: .*SHA256/);
  });

  it('takes PostgreSQL TLS as off by default, and a caFile only with tls: verify', () => {
    const plain = parseFleet(`${minimal}    postgres: { port: 2345 }\n`);
    expect(plain.ok && plain.fleet.nodes.vk01?.postgres?.tls).toBe('off');
    const verify = `${minimal}    postgres: { tls: verify, caFile: ~/plant-ca.pem }\n`;
    expect(problemsOf(verify)).toEqual([]);

    expect(problemsOf(`${minimal}    postgres: { tls: yes }\n`)).toEqual([
      'fleet.yaml:7: nodes.vk01.postgres.tls: expected off, require or verify',
    ]);
    expect(problemsOf(`${minimal}    postgres: { tls: require, caFile: ca.pem }\n`)).toEqual([
      'fleet.yaml:7: nodes.vk01.postgres.caFile: caFile is only read with tls: verify',
    ]);
  });

  it('reports broken YAML with its line', () => {
    expect(problemsOf('deployment: "03002"\nnodes:\n  vk01: [unclosed\n')[0]).toMatch(
      /^fleet\.yaml:\d+: not valid YAML/,
    );
  });

  it('reports a missing file by name', () => {
    const result = loadFleetFile('/nonexistent/fleet.yaml');
    expect(result.ok).toBe(false);
    expect(!result.ok && formatProblem(result.problems[0]!)).toBe(
      '/nonexistent/fleet.yaml: cannot read the fleet file: no such file',
    );
  });

  it('refuses an empty node list and a duplicate node', () => {
    expect(problemsOf('deployment: x\nnodes: {}\n')[0]).toMatch(/nodes: .*needs at least one node/);
    expect(problemsOf(`${minimal}  vk01:\n    role: dashboard\n    host: b\n`)[0]).toMatch(
      /not valid YAML/,
    );
  });
});
