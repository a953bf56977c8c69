import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseComposeVersion,
  parseDf,
  parseDockerVersion,
  parseFree,
  parseLoadavg,
  parseMeminfo,
  parseProcUptime,
  parseUptime,
} from '../../electron/probes/host';
import { diskSchema } from '../../shared/snapshot';
import { expectAllCovered, problemTexts, readFixture } from './fixtures';

const FOLDER = '13-docker-version-uptime-df-free';
const KIB = 1024;
const MIB = 1024 * 1024;
const files = {
  df: 'df-PT-long-filesystem-name-shifts-columns-dash-capacity.txt',
  compose: 'docker-compose-version-v2-rc-and-v1-and-unknown-flag.txt',
  docker: 'docker-version-format-json-28.5.1.txt',
  freeCentos: 'free-centos7.7-kib.txt',
  freeHuman: 'free-hwt-wide-total-line.txt',
  freeOld: 'free-m-procps-3.3.9-old-format-buffers-cache-line.txt',
  freeUbuntu: 'free-ubuntu18.04-kib.txt',
  uptimeDay: 'uptime-1-day-0-user-singular-jc-test.txt',
  uptimeHours: 'uptime-centos7.7-hours-only.txt',
};
const read = (file: string) => readFixture(FOLDER, file);

it('covers every host fixture', () => {
  expectAllCovered(FOLDER, Object.values(files));
});

describe('versions', () => {
  it('reads docker version --format json with its server components', () => {
    expect(parseDockerVersion(read(files.docker))).toEqual({
      value: {
        clientVersion: '28.5.1',
        serverVersion: '28.5.1',
        apiVersion: '1.51',
        kernelVersion: '4.18.0-553.74.1.el8_10.x86_64',
      },
      problems: [],
    });
  });

  it('reads a bare version and reports a client without a daemon', () => {
    expect(parseDockerVersion('28.5.1\n').value.serverVersion).toBe('28.5.1');
    const clientOnly = parseDockerVersion('{"Client":{"Version":"28.5.1"},"Server":null}');
    expect(clientOnly.value.clientVersion).toBe('28.5.1');
    expect(problemTexts(clientOnly)).toEqual(['no Server block (daemon unreachable?)']);
  });

  it('reads each output of the pasted Compose transcript', () => {
    // The fixture is a terminal transcript; each `$ ` line starts one command's output.
    const outputs = read(files.compose)
      .split(/^\$ .*\n/m)
      .slice(1);
    const results = outputs.map(parseComposeVersion);
    expect(results.map((result) => result.value)).toEqual([null, '2.0.0-rc.3', null, '1.29.2']);
    expect(problemTexts(results[0]!)).toEqual([
      `line 1: no Compose version in "unknown shorthand flag: 'v' in -v"`,
    ]);
    expect(problemTexts(results[2]!)).toEqual(['empty output']);
  });

  it('reads the current Compose v2 line', () => {
    expect(parseComposeVersion('Docker Compose version v2.32.4\n').value).toBe('2.32.4');
  });
});

describe('uptime and load', () => {
  it('reads "1 day, 23:12" with a singular "0 user"', () => {
    expect(parseUptime(read(files.uptimeDay))).toEqual({
      value: {
        uptimeSeconds: 86_400 + 23 * 3600 + 12 * 60,
        users: 0,
        load1: 3.94,
        load5: 4.43,
        load15: 2.75,
      },
      problems: [],
    });
  });

  it('reads "up 16:03" without days', () => {
    expect(parseUptime(read(files.uptimeHours)).value).toEqual({
      uptimeSeconds: 16 * 3600 + 3 * 60,
      users: 2,
      load1: 0,
      load5: 0.01,
      load15: 0.05,
    });
  });

  it('reads minutes-only uptimes and rejects other text', () => {
    expect(
      parseUptime(' 10:00:00 up 5 min,  1 user,  load average: 0.1, 0.2, 0.3').value.uptimeSeconds,
    ).toBe(300);
    expect(problemTexts(parseUptime('uptime: command not found'))).toEqual([
      'line 1: not an uptime line',
    ]);
  });

  it('reads /proc/uptime and /proc/loadavg', () => {
    expect(parseProcUptime('6846.21 50000.10\n')).toEqual({ value: 6846.21, problems: [] });
    expect(problemTexts(parseProcUptime(''))).toEqual(['line 1: not /proc/uptime: ""']);
    expect(parseProcUptime('-78205.00 10.00\n').value).toBeNull();
    expect(problemTexts(parseProcUptime('-5 1'))).toEqual(['line 1: negative uptime: -5 s']);
    expect(parseLoadavg('0.00 0.01 0.05 1/123 4567\n').value).toEqual({
      load1: 0,
      load5: 0.01,
      load15: 0.05,
    });
    expect(problemTexts(parseLoadavg('0.5'))).toEqual(['line 1: not /proc/loadavg']);
  });
});

describe('df', () => {
  it('reads df -PT with a long device name that shifts its line and "-" capacities', () => {
    const { value, problems } = parseDf(read(files.df));
    expect(problems).toEqual([]);
    expect(value).toEqual([
      {
        mount: '/',
        filesystem: '/dev/mapper/VolGroup00-LogVol00',
        sizeBytes: 6_030_784 * KIB,
        usedBytes: 1_147_932 * KIB,
        availableBytes: 4_571_556 * KIB,
        usedPct: 21,
        missing: {},
      },
      {
        mount: '/proc',
        filesystem: 'proc',
        sizeBytes: 0,
        usedBytes: 0,
        availableBytes: 0,
        usedPct: null,
        missing: {
          usedPct: { kind: 'not-applicable', detail: 'pseudo filesystem (df prints "-")' },
        },
      },
      expect.objectContaining({ mount: '/sys', filesystem: 'sysfs', usedPct: null }),
    ]);
    for (const disk of value) expect(diskSchema.safeParse(disk).success).toBe(true);
  });

  it('reads df -h sizes, df wrapping a long device name, and mount points with spaces', () => {
    const human = 'Filesystem Size Used Avail Use% Mounted on\n/dev/sda1 98G 61G 33G 65% /\n';
    expect(parseDf(human).value[0]).toMatchObject({ sizeBytes: 98 * 1024 ** 3, usedPct: 65 });
    const wrapped = [
      'Filesystem     1K-blocks    Used Available Use% Mounted on',
      '/dev/mapper/very-long-volume-group-name',
      '                 1000      600       400  60% /srv/my data',
    ].join('\n');
    expect(parseDf(wrapped).value[0]).toMatchObject({
      filesystem: '/dev/mapper/very-long-volume-group-name',
      mount: '/srv/my data',
      sizeBytes: 1000 * KIB,
    });
  });

  it('names short rows and unreadable numbers', () => {
    const text = [
      'Filesystem 1B-blocks Used Available Use% Mounted on',
      '/dev/sda1 100 x 50 50% /',
      '/dev/sdb1 100',
    ].join('\n');
    const result = parseDf(text);
    expect(problemTexts(result)).toEqual([
      'line 2, field usedBytes: not a number',
      'line 3: expected 6 columns, found 2',
    ]);
    expect(result.value[0]?.missing.usedBytes?.kind).toBe('unparsed');
    expect(problemTexts(parseDf('df: /mnt: Permission denied'))).toEqual([
      'line 1: no df header (Filesystem …)',
    ]);
  });

  it('round-trips any disk list through `df -PT -B1` text', () => {
    const disk = fc.record({
      device: fc.stringMatching(/^\/dev\/[a-z0-9-]{1,30}$/),
      type: fc.constantFrom('ext4', 'xfs', 'overlay', 'tmpfs'),
      size: fc.nat({ max: 2 ** 45 }),
      used: fc.nat({ max: 2 ** 45 }),
      available: fc.nat({ max: 2 ** 45 }),
      pct: fc.integer({ min: 0, max: 100 }),
      mount: fc.stringMatching(/^\/[a-z0-9/_ -]{0,30}[a-z0-9]$/),
    });
    fc.assert(
      fc.property(fc.array(disk, { maxLength: 8 }), (disks) => {
        const lines = disks.map((item) =>
          [
            item.device,
            item.type,
            item.size,
            item.used,
            item.available,
            `${item.pct}%`,
            item.mount,
          ].join(' '),
        );
        const text = [
          'Filesystem Type 1B-blocks Used Available Capacity Mounted on',
          ...lines,
        ].join('\n');
        const { value, problems } = parseDf(text);
        expect(problems).toEqual([]);
        expect(
          value.map((item) => [
            item.filesystem,
            item.sizeBytes,
            item.usedBytes,
            item.availableBytes,
            item.usedPct,
            item.mount,
          ]),
        ).toEqual(
          disks.map((item) => [
            item.device,
            item.size,
            item.used,
            item.available,
            item.pct,
            item.mount,
          ]),
        );
      }),
    );
  });
});

describe('free', () => {
  it('reads default free (KiB) on CentOS 7.7 and Ubuntu 18.04', () => {
    expect(parseFree(read(files.freeCentos), KIB)).toEqual({
      value: {
        memTotalBytes: 3_861_332 * KIB,
        memUsedBytes: 222_820 * KIB,
        memFreeBytes: 3_364_176 * KIB,
        memAvailableBytes: 3_389_588 * KIB,
        swapTotalBytes: 2_097_148 * KIB,
        swapUsedBytes: 0,
        missing: {},
      },
      problems: [],
    });
    expect(parseFree(read(files.freeUbuntu), KIB).value).toMatchObject({
      memTotalBytes: 2_017_300 * KIB,
      memAvailableBytes: 1_585_920 * KIB,
      swapUsedBytes: 268 * KIB,
    });
  });

  it('reads human units, separate buffers/cache columns and ignores the Total line', () => {
    const { value, problems } = parseFree(read(files.freeHuman));
    expect(problems).toEqual([]);
    expect(value).toMatchObject({
      memTotalBytes: Math.round(7.6 * 1024 ** 3),
      memUsedBytes: 2 * 1024 ** 3,
      memAvailableBytes: Math.round(4.9 * 1024 ** 3),
      swapTotalBytes: 511 * MIB,
      swapUsedBytes: 114 * MIB,
    });
  });

  it('says why procps 3.3.9 gives no available memory instead of estimating it', () => {
    const { value, problems } = parseFree(read(files.freeOld), MIB);
    expect(problems).toEqual([]);
    expect(value).toMatchObject({
      memTotalBytes: 4045 * MIB,
      memUsedBytes: 3761 * MIB,
      memFreeBytes: 284 * MIB,
      memAvailableBytes: null,
      swapTotalBytes: 7632 * MIB,
    });
    expect(value.missing.memAvailableBytes?.kind).toBe('not-supported');
  });

  it('names what is missing from a cut-off output', () => {
    const result = parseFree(
      '              total        used        free\nMem:        3861332\n',
      KIB,
    );
    expect(result.value.memTotalBytes).toBe(3_861_332 * KIB);
    expect(problemTexts(result)).toEqual([
      'field memUsedBytes: not found',
      'field memFreeBytes: not found',
      'field swapTotalBytes: not found',
      'field swapUsedBytes: not found',
    ]);
  });

  it('round-trips `free -b` numbers', () => {
    const amount = fc.nat({ max: 2 ** 50 });
    fc.assert(
      fc.property(fc.tuple(amount, amount, amount, amount, amount, amount, amount), (numbers) => {
        const [total, used, free, shared, cache, available, swap] = numbers;
        const text = [
          '               total        used        free      shared  buff/cache   available',
          `Mem:    ${total} ${used} ${free} ${shared} ${cache} ${available}`,
          `Swap:   ${swap} ${used} ${free}`,
        ].join('\n');
        const { value, problems } = parseFree(text);
        expect(problems).toEqual([]);
        expect(value).toMatchObject({
          memTotalBytes: total,
          memUsedBytes: used,
          memFreeBytes: free,
          memAvailableBytes: available,
          swapTotalBytes: swap,
          swapUsedBytes: used,
        });
      }),
    );
  });
});

describe('/proc/meminfo', () => {
  it('reads kB lines as bytes and names lines it cannot read', () => {
    const result = parseMeminfo(
      [
        'MemTotal:       16318480 kB',
        'MemAvailable:    8000000 kB',
        'HugePages_Total:       0',
        'bad line',
      ].join('\n'),
    );
    expect(result.value).toEqual({
      MemTotal: 16_318_480 * KIB,
      MemAvailable: 8_000_000 * KIB,
      HugePages_Total: 0,
    });
    expect(problemTexts(result)).toEqual(['line 4: not a meminfo line']);
  });
});
