// The banner's model: it asks for secrets only when the watched fleet names some that hold
// nothing, lists those with the channels that wait on them, and says when it asks at each start.
import { describe, expect, it } from 'vitest';
import { secretsNotice } from '../../../renderer/settings/secrets-notice';
import type { SecretEntry, SecretsStatus } from '../../../shared/api/requests-settings';

function entry(variable: string, state: SecretEntry['state'], node = 'vk03'): SecretEntry {
  return { variable, uses: [{ node, channel: 'postgres' }], state, reason: null };
}

function status(secrets: SecretEntry[], persistent = true): SecretsStatus {
  return {
    fleetFile: '/etc/control-room/fleet.yaml',
    fleetReason: null,
    persistent,
    persistenceReason: persistent ? null : 'no keychain',
    secrets,
  };
}

describe('secretsNotice', () => {
  it('names the missing secrets and the channels that wait on them, in the file order', () => {
    const notice = secretsNotice(
      status([
        entry('VK03_PG_PASSWORD', 'missing'),
        entry('VK01_PG_PASSWORD', 'stored', 'vk01'),
        entry('VK02_PG_PASSWORD', 'missing', 'vk02'),
      ]),
    );

    expect(notice).toEqual({
      variables: ['VK03_PG_PASSWORD', 'VK02_PG_PASSWORD'],
      uses: [
        { node: 'vk03', channel: 'postgres' },
        { node: 'vk02', channel: 'postgres' },
      ],
      askedEachStart: false,
    });
  });

  it('says it asks at each start where there is no keychain', () => {
    expect(secretsNotice(status([entry('VK03_PG_PASSWORD', 'missing')], false))).toMatchObject({
      askedEachStart: true,
    });
  });

  it('is silent when every secret is stored, held for the session or in the environment', () => {
    const held = ['stored', 'session', 'environment'] as const;
    expect(secretsNotice(status(held.map((state, index) => entry(`V${index}`, state))))).toBeNull();
    expect(secretsNotice(status([]))).toBeNull();
  });

  it('is silent without a fleet file (the demo plant needs no secret)', () => {
    const demo = { ...status([entry('VK03_PG_PASSWORD', 'missing')]), fleetFile: null };
    expect(secretsNotice({ ...demo, fleetReason: 'the demo plant' })).toBeNull();
  });
});
