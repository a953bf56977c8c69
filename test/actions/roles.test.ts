// Roles and the PIN: what each role may run, raising needs the PIN, the PIN is stored as a salted
// scrypt hash (never the digits) in a private file, wrong PINs lock attempts out for a while,
// and a core without an action service (a review session) makes everyone a viewer.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPin, pinMatches, RoleStore, rolePermits } from '../../electron/actions';
import { createCore } from '../../electron/core/core';
import { createClient } from '../../shared/api/client';
import { createMemoryPipePair } from '../../shared/api/pipe';
import { temporaryDirectory } from '../helpers/temporary';

function store(now = () => Date.now()) {
  const file = join(temporaryDirectory('roles'), 'action-settings.json');
  return { file, roles: new RoleStore({ file, now }) };
}

describe('roles', () => {
  it('viewer runs nothing, technician read-only and disruptive, supervisor all', () => {
    const risks = ['read-only', 'disruptive', 'destructive'] as const;
    const allowed = (role: 'viewer' | 'technician' | 'supervisor') =>
      risks.filter((risk) => rolePermits(role, risk));
    expect(allowed('viewer')).toEqual([]);
    expect(allowed('technician')).toEqual(['read-only', 'disruptive']);
    expect(allowed('supervisor')).toEqual([...risks]);
  });

  it('starts as a viewer; raising needs a PIN set first, then the PIN', () => {
    const { roles } = store();
    expect(roles.current).toBe('viewer');
    expect(roles.setRole('technician')).toMatchObject({
      ok: false,
      reason: /set one in Settings or the Actions view/,
    });
    expect(roles.setPin('12')).toMatchObject({ ok: false, reason: /4 to 12 digits/ });
    expect(roles.setPin('4821')).toEqual({ ok: true });
    expect(roles.setRole('supervisor')).toMatchObject({ ok: false, reason: /needs the PIN/ });
    expect(roles.setRole('supervisor', '0000')).toMatchObject({ ok: false, reason: 'wrong PIN' });
    expect(roles.current).toBe('viewer');
    expect(roles.setRole('supervisor', '4821')).toEqual({ ok: true });
    expect(roles.setRole('viewer')).toEqual({ ok: true });
    expect(roles.state(true)).toEqual({ role: 'viewer', pinSet: true, actionsAvailable: true });
  });

  it('keeps only a salted scrypt hash, in a file only its owner reads', () => {
    const { roles, file } = store();
    roles.setPin('4821');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('4821');
    const saved = JSON.parse(text) as { pin: { algorithm: string; salt: string; hash: string } };
    expect(saved.pin.algorithm).toBe('scrypt');
    expect(statSync(file).mode & 0o077).toBe(0);
    const again = hashPin('4821');
    expect(again.hash).not.toBe(saved.pin.hash);
    expect(pinMatches('4821', again)).toBe(true);
    expect(pinMatches('4822', again)).toBe(false);
  });

  it('changing the PIN needs the current one', () => {
    const { roles, file } = store();
    roles.setPin('4821');
    expect(roles.setPin('9999')).toMatchObject({ ok: false, reason: /current PIN/ });
    expect(roles.setPin('9999', '1111')).toMatchObject({ ok: false, reason: 'wrong PIN' });
    expect(roles.setPin('9999', '4821')).toEqual({ ok: true });
    const reopened = new RoleStore({ file });
    expect(reopened.setRole('technician', '4821')).toMatchObject({ ok: false });
    expect(reopened.setRole('technician', '9999')).toEqual({ ok: true });
  });

  it('locks attempts out after five wrong PINs in a row', () => {
    let nowMs = 1_000_000;
    const { roles } = store(() => nowMs);
    roles.setPin('4821');
    for (let attempt = 1; attempt < 5; attempt += 1) {
      expect(roles.setRole('technician', '0000')).toMatchObject({ reason: 'wrong PIN' });
    }
    expect(roles.setRole('technician', '0000')).toMatchObject({ reason: /too many in a row/ });
    expect(roles.setRole('technician', '4821')).toMatchObject({ reason: /try again in 30 s/ });
    nowMs += 30_001;
    expect(roles.setRole('technician', '4821')).toEqual({ ok: true });
  });

  it('a core without an action service (review) is viewer-only and refuses actions', async () => {
    const core = createCore({
      mode: 'test',
      fleet: { source: 'empty', deployment: null, nodes: [] },
    });
    const [clientPipe, corePipe] = createMemoryPipePair();
    core.router.attach(corePipe);
    const client = createClient(clientPipe);
    expect(await client.call('role.current', {})).toEqual({
      role: 'viewer',
      pinSet: false,
      actionsAvailable: false,
    });
    expect(await client.call('actions.catalog', {})).toHaveLength(15);
    const run = await client.call('actions.run', {
      actionId: 'container.restart',
      target: { node: 'vk01', container: 'keydb' },
    });
    expect(run).toMatchObject({ ok: false, code: 'unavailable', reason: /read-only/ });
    expect(await client.call('role.set', { role: 'supervisor', pin: '4821' })).toMatchObject({
      ok: false,
    });
    await core.stop();
  });
});
