import { describe, expect, it } from 'vitest';
import { nodeDarkRule } from '../../../electron/findings/rules/node-dark';
import { downChannel, nodeSnapshot, reachability } from '../history-helpers';
import { containerWith, evaluate, ticks } from './builders';

const down = downChannel({ kind: 'socket', message: 'connect ECONNREFUSED' });

function run(count: number, darkFrom: number, sshUp = true) {
  return ticks(count, (index) => ({
    vk02: nodeSnapshot({
      reachability: reachability({
        postgres: down,
        redis: down,
        prometheus: down,
        http: down,
        ...(sshUp ? {} : { ssh: down, rabbitmq: down }),
      }),
      containers:
        index >= darkFrom ? [] : [containerWith('keydb', {}), containerWith('inference', {})],
    }),
  }));
}

describe('node-dark', () => {
  it('finds vk02 answering on SSH and RabbitMQ with zero containers', () => {
    const drafts = evaluate(nodeDarkRule, run(10, 3));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      subject: 'vk02',
      severity: 'INFO',
      numbers: { containersRunning: 0, channelsUp: 2, containersBefore: 2, darkMinutes: 6 },
      actions: ['node.openPortainer'],
    });
    expect(drafts[0]!.detail).toContain('answers on ssh and rabbitmq');
  });

  it('stays silent while containers start after a boot, and when nothing answers', () => {
    expect(evaluate(nodeDarkRule, run(10, 7))).toEqual([]); // empty 2 min only
    expect(evaluate(nodeDarkRule, run(10, 0, false))).toEqual([]);
    expect(evaluate(nodeDarkRule, run(10, 99))).toEqual([]);
  });
});
