import { describe, expect, it } from 'vitest';
import { parseRabbitmqctlQueues, parseRabbitQueues } from '../../electron/probes/rabbitmq';
import { expectAllCovered, problemTexts, readFixture } from './fixtures';

const FOLDER = '10-rabbitmq';
const files = {
  api: 'api-queues-rabbitmq-3.11.5-netdata-testdata.json.txt',
  downNodeBug: 'rabbitmqctl-list-queues-2016-bug-down-queue-state-shows-column-list.txt',
  tabs: 'rabbitmqctl-list-queues-3.8-tabs-header-k8s-staging.txt',
};

it('covers every RabbitMQ fixture', () => {
  expectAllCovered(FOLDER, Object.values(files));
});

describe('management API /api/queues', () => {
  it('reads every queue with counts, and rates as null until traffic is seen', () => {
    const { value, problems } = parseRabbitQueues(readFixture(FOLDER, files.api));
    expect(problems).toEqual([]);
    expect(value.map((queue) => [queue.name, queue.vhost])).toEqual([
      ['myFirstQueue', '/'],
      ['mySecondQueue', '/'],
      ['myFirstQueue', 'myFirstVhost'],
      ['MyFirstQueue', 'mySecondVhost'],
    ]);
    expect(value[0]).toMatchObject({
      state: 'running',
      messages: 1,
      messagesReady: 1,
      messagesUnacked: 1,
      consumers: 0,
      memoryBytes: 55408,
      publishRatePerSecond: null,
      deliverRatePerSecond: null,
    });
    expect(value[0]?.missing.publishRatePerSecond).toEqual({
      kind: 'unavailable',
      detail: 'no message_stats yet (no traffic since the stats reset)',
    });
  });

  it('reads publish and deliver rates from message_stats', () => {
    const body = JSON.stringify([
      {
        name: 'is-sis-surface',
        vhost: '/',
        state: 'running',
        messages: 0,
        messages_ready: 0,
        messages_unacknowledged: 0,
        consumers: 2,
        memory: 10,
        message_stats: { publish_details: { rate: 3.2 }, deliver_get_details: { rate: 3.1 } },
      },
    ]);
    const [queue] = parseRabbitQueues(body).value;
    expect(queue).toMatchObject({ publishRatePerSecond: 3.2, deliverRatePerSecond: 3.1 });
    expect(queue?.missing).toEqual({});
  });

  it('reports a login page, a truncated body and non-object items', () => {
    expect(problemTexts(parseRabbitQueues('<html>Unauthorized</html>'))).toEqual([
      expect.stringMatching(/^line 1: not valid JSON/),
    ]);
    const truncated = readFixture(FOLDER, files.api).slice(0, 500);
    expect(problemTexts(parseRabbitQueues(truncated))).toEqual([
      expect.stringMatching(/^line \d+: JSON ends early/),
    ]);
    expect(problemTexts(parseRabbitQueues('[1]'))).toEqual(['field [0]: not an object']);
    expect(problemTexts(parseRabbitQueues('{"error":"not_authorised"}'))).toEqual([
      'line 1: not a JSON array',
    ]);
  });
});

describe('rabbitmqctl list_queues', () => {
  it('reads the 3.8 output: banners, then a TAB-separated header and rows', () => {
    const { value, problems } = parseRabbitmqctlQueues(readFixture(FOLDER, files.tabs));
    expect(problems).toEqual([]);
    expect(value.map((queue) => queue.columns)).toEqual([
      { name: 'cleanup', messages: '284' },
      { name: 'builds', messages: '1' },
      { name: 'celery', messages: '159' },
      { name: 'celery@worker.staging-worker-59584b7d94-s7vvz.celery.pidbox', messages: '0' },
      { name: 'email', messages: '0' },
      { name: 'celery@worker.staging-builder-0.celery.pidbox', messages: '0' },
    ]);
  });

  it('flags the column list printed in place of a down queue state', () => {
    const result = parseRabbitmqctlQueues(readFixture(FOLDER, files.downNodeBug), [
      'name',
      'state',
      'durable',
      'pid',
    ]);
    expect(result.value).toHaveLength(7);
    expect(result.value[0]?.columns).toEqual({
      name: 't_queue_4',
      state: 'running',
      durable: 'false',
      pid: '<hare@VirtualBox.2.758.0>',
    });
    expect(result.value[4]?.columns.state).toBeNull();
    expect(problemTexts(result)).toEqual([
      'line 6, field state: broker printed "[name, state, durable, pid]" instead of a value',
      'line 7, field state: broker printed "[name, state, durable, pid]" instead of a value',
      'line 8, field state: broker printed "[name, state, durable, pid]" instead of a value',
    ]);
  });

  it('names a row with missing columns', () => {
    const result = parseRabbitmqctlQueues('name\tmessages\ncleanup\n');
    expect(problemTexts(result)).toEqual(['line 2: expected 2 columns, found 1']);
    expect(result.value[0]?.columns).toEqual({ name: 'cleanup', messages: null });
  });
});
