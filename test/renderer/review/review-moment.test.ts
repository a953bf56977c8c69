// The review page's moment asked the bounded way (issue #10): `review.seek` answers the marker,
// one `review.node` per node, joined back; over a real core and the browser-mode Api on an
// archive filled from the demo plant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core';
import { Archive } from '../../../electron/archive';
import { viewAt } from '../../../electron/review';
import { createMemoryPipePair, type Pipe } from '../../../shared/api/pipe';
import type { Api } from '../../../renderer/api/api';
import { createReconnectingApi } from '../../../renderer/api/reconnecting-api';
import { askMoment } from '../../../renderer/review/review-moment';
import { momentOf } from '../../../renderer/review/ReviewMoment';
import { fillFromDemo, type DemoArchive } from '../../review/helpers';

let demo: DemoArchive;
let core: Core;
let api: Api;

beforeAll(async () => {
  demo = await fillFromDemo({ from: '2026-02-18T23:30:00-03:00', to: '2026-02-19T00:30:00-03:00' });
  core = createCore({ mode: 'test', fleet: { source: 'demo', deployment: '03002', nodes: [] } });
  const openPipe = async (): Promise<Pipe> => {
    const [clientEnd, coreEnd] = createMemoryPipePair();
    core.router.attach(coreEnd);
    return clientEnd;
  };
  api = createReconnectingApi({ openPipe, random: () => 0 });
  await new Promise<void>((resolve) => {
    if (api.connectionState === 'connected') resolve();
    api.onConnectionState((state) => state === 'connected' && resolve());
  });
});

afterAll(async () => {
  api.close();
  await core.stop();
});

describe('askMoment', () => {
  it('says what is missing before a review is open', async () => {
    const answer = await askMoment(api, new Date(demo.times[0]!).toISOString());
    expect(answer).toMatchObject({ kind: 'unavailable', message: /review.open/ });
  });

  it('joins the nodes of the moment into the snapshot the archive rebuilds then', async () => {
    await api.call('review.open', { path: demo.directory });
    const at = new Date(demo.times[3]!).toISOString();
    const answer = await askMoment(api, at);
    if (answer.kind !== 'ok') throw new Error(`not ok: ${JSON.stringify(answer)}`);
    const archive = Archive.open({ directory: demo.directory, readOnly: true });
    try {
      expect(answer.value.snapshot).toEqual(viewAt(archive, demo.times[3]!).snapshot);
    } finally {
      archive.close();
    }
    expect(answer.value.view.tick?.nodes).toEqual(['vk01', 'vk02', 'vk03']);
    const moment = momentOf(answer.value);
    expect(moment.at).toBe(at);
    expect(moment.snapshot).toBe(answer.value.snapshot);
    expect(Object.keys(moment.snapshot!.nodes)).toEqual(['vk01', 'vk02', 'vk03']);
  });
});
