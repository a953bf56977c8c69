// What a demo node's Redis holds, as one list (`redisContents`): the same keys and hashes its
// INFO and HGETALL answers describe, so a real server can be filled with them (the test plant).
import { describe, expect, it } from 'vitest';
import { createDemoEngine } from '../../electron/demo/engine';
import { redisContents, redisHash, redisKeyCounts } from '../../electron/demo/services';
import { local, scenario } from './walk';

function view(node: string, at: string) {
  return createDemoEngine(scenario()).node(node, local(at));
}

describe('redisContents', () => {
  it('is empty while the line is idle (report 2026-02-18 23:18 #4)', () => {
    expect(redisContents(view('vk01', '2026-02-18 23:18'))).toEqual([]);
  });

  it('lists the production databases with their key counts and hashes', () => {
    const producing = view('vk02', '2026-02-22 18:30');
    const contents = redisContents(producing);
    expect(contents.map(({ db, keys }) => [db, keys])).toEqual([...redisKeyCounts(producing)]);
    const speed = contents.find((database) => database.db === 0)?.hashes;
    expect(speed).toEqual([{ key: 'DB_Speed', fields: redisHash(producing, 0, 'DB_Speed') }]);
    expect(speed?.[0]?.fields).not.toHaveProperty('Velocidade_Tratada');
  });

  it('is empty for a node without Redis', () => {
    expect(redisContents(view('vk03', '2026-02-22 18:30'))).toEqual([]);
  });
});
