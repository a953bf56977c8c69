// The catalog table: exactly the ids the findings rules use, every entry complete and within the
// contract, plans made of argv arrays, risks matched to roles and confirmations.
import { describe, expect, it } from 'vitest';
import { catalog, catalogView, findAction, minimumRoleFor, stepText } from '../../electron/actions';
import type { PlanContext } from '../../electron/actions/catalog';
import { rules } from '../../electron/findings/rules';
import { actionIds, catalogEntrySchema } from '../../shared/api/requests-actions';

const context: PlanContext<Record<string, unknown>> = {
  node: 'vk01',
  container: 'visionking-inference',
  args: {},
  nodes: ['vk01', 'vk02', 'vk03'],
  endpoints: { portainer: 'https://10.0.0.1:9443', pgadmin: 'http://10.0.0.3:5050/' },
  watchedKeys: [{ db: 0, key: 'DB_Speed' }],
  gpuExporter: 'dcgm-exporter',
};

describe('the action catalog', () => {
  it('holds exactly the ids the findings rules use, once each', () => {
    expect(catalog.map((action) => action.id)).toEqual([...actionIds]);
  });

  it('answers entries within the contract, without functions', () => {
    for (const entry of catalogView()) {
      expect(catalogEntrySchema.parse(entry)).toEqual(entry);
      expect(JSON.parse(JSON.stringify(entry))).toEqual(entry);
      expect(entry.what.length).toBeGreaterThan(20);
      expect(entry.why.length).toBeGreaterThan(20);
      expect(entry.commands.length).toBeGreaterThan(0);
    }
  });

  it('gives destructive actions to supervisors only, with the typed name', () => {
    for (const entry of catalogView()) {
      expect(entry.minimumRole).toBe(minimumRoleFor[entry.risk]);
      expect(entry.confirmation).toBe(entry.risk === 'destructive' ? 'type-target' : 'click');
    }
    expect(
      catalogView()
        .filter((entry) => entry.risk === 'destructive')
        .map((e) => e.id),
    ).toEqual(['container.remove']);
  });

  it('plans SSH steps as argv arrays that carry the target as one word', () => {
    for (const action of catalog) {
      const args = action.args.parse({}) as Record<string, unknown>;
      for (const step of action.plan({ ...context, args })) {
        if (step.via !== 'ssh') continue;
        expect(Array.isArray(step.argv)).toBe(true);
        expect(step.argv.every((word) => typeof word === 'string' && word.length > 0)).toBe(true);
        if (action.targetKind === 'container') expect(step.argv.at(-1)).toBe(context.container);
      }
    }
  });

  it('plans the exact commands of each action', () => {
    const plan = (id: string, args: Record<string, unknown> = {}) =>
      findAction(id)!
        .plan({ ...context, args: findAction(id)!.args.parse(args) })
        .map(stepText);
    expect(plan('container.logs', { lines: 50 })).toEqual([
      'docker logs --tail 50 --timestamps visionking-inference',
    ]);
    expect(plan('container.restart')).toEqual(['docker restart -t 30 visionking-inference']);
    expect(plan('gunicorn.recycle')).toEqual(['docker kill --signal HUP visionking-inference']);
    expect(plan('inference.stop')).toEqual(['docker stop -t 30 visionking-inference']);
    expect(plan('inference.start')).toEqual(['docker start visionking-inference']);
    expect(plan('container.remove')).toEqual(['docker rm --force visionking-inference']);
    expect(plan('gpu.diagnostics')).toEqual([
      'nvidia-smi -q',
      'docker logs --tail 100 --timestamps dcgm-exporter',
    ]);
    expect(plan('clock.check')).toEqual(['timedatectl show', 'chronyc tracking']);
    expect(plan('clock.enableNtp')).toEqual(['sudo -n timedatectl set-ntp true']);
    expect(plan('disk.usage')).toEqual(['df -P -B1', 'docker system df']);
    expect(plan('versions.compare')).toHaveLength(6);
    expect(plan('versions.compare')[0]).toBe("docker version --format '{{.Server.Version}}'");
    expect(plan('redis.diagnostics')).toEqual(['INFO keyspace', 'SELECT 0; HGETALL DB_Speed']);
    expect(plan('redis.diagnostics', { db: 2, key: 'camera:1' })).toEqual([
      'INFO keyspace',
      'SELECT 2; HGETALL camera:1',
    ]);
    expect(plan('node.openPortainer')).toEqual(['https://10.0.0.1:9443']);
    expect(plan('node.openPgadmin')).toEqual(['http://10.0.0.3:5050/']);
    const postgres = plan('postgres.diagnostics');
    expect(postgres[0]).toMatch(/pg_database_size/);
    expect(postgres[1]).toMatch(/from pg_stat_activity/);
    expect(postgres[2]).toBe('docker logs --tail 5000 --timestamps database-server');
  });

  it('gives a post-check to every action that changes something', () => {
    for (const action of catalog) {
      if (action.risk === 'read-only') expect(action.postCheck).toBeNull();
      else expect(action.postCheck, action.id).not.toBeNull();
    }
  });
});

describe('the findings rules and the catalog', () => {
  const suggested = rules.flatMap((rule) => rule.actions.map((id) => ({ rule: rule.id, id })));
  const unknown = suggested.filter(({ id }) => findAction(id) === null);
  const known = (id: string) => findAction(id) !== null;

  it('every action a rule suggests is in the catalog', () => {
    expect(suggested.length).toBeGreaterThan(0);
    expect(unknown).toEqual([]);
  });

  it('node-dark suggests only catalog actions', () => {
    const nodeDark = rules.find((rule) => rule.id === 'node-dark');
    expect(nodeDark?.actions.every(known)).toBe(true);
  });
});
