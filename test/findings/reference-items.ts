// Every numbered item of the reference report
// (../shared/reference/visionking-03002-live-improvements-report.md) as something the replay of
// the demo plant must find: the finding classes that may carry it (DESIGN.md section 5), the
// node it is about, the simulated time, and the numbers the report states with a tolerance.
//
// Times are the report's headings, in the plant's local time (UTC-3). A finding matches when it
// is open (new or ongoing) at some evaluation from `beforeMinutes` before the heading to
// `afterMinutes` after it: the analyst saw things at 15-minute cycles, a rule sees them at the
// tick they become true, and conditions that hold for the whole window (version drift, empty
// Redis) are open long before. Numbers match when `|actual - value| <= tolerance` for the first
// of `names` the finding has.
//
// The heading "2026-02-19 02:43" sits between 23:36 and 00:03 and describes 23:36 + 10 minutes
// (visualizer 334 -> 316 MB, Prometheus 634 -> 768 MB): it was written in UTC. It is 23:43 here.

export interface ExpectedNumber {
  /** Names a rule may use for it; the first one the finding has is compared. */
  names: string[];
  value: number;
  tolerance: number;
}

export interface ReferenceItem {
  /** `21:53 #1`: heading (local) and item number. */
  id: string;
  /** The heading's time, `YYYY-MM-DD HH:MM` local (UTC-3). */
  at: string;
  severity: 'WARNING' | 'INFO' | 'SUGGESTION';
  title: string;
  classes: string[];
  /** The finding must name this node (absent: any). */
  node?: string;
  numbers?: ExpectedNumber[];
  beforeMinutes?: number;
  afterMinutes?: number;
}

export const DEFAULT_BEFORE_MINUTES = 45;
export const DEFAULT_AFTER_MINUTES = 15;

const n = (names: string | string[], value: number, tolerance: number): ExpectedNumber => ({
  names: Array.isArray(names) ? names : [names],
  value,
  tolerance,
});

export const referenceItems: ReferenceItem[] = [
  // -- 2026-02-18 21:53 -----------------------------------------------------------------------
  {
    id: '21:53 #1',
    at: '2026-02-18 21:53',
    severity: 'WARNING',
    title: 'SSH unreachable on all 3 nodes',
    classes: ['channel-unreachable'],
    numbers: [n('nodesDown', 3, 0)],
  },
  {
    id: '21:53 #2',
    at: '2026-02-18 21:53',
    severity: 'WARNING',
    title: 'vk03 pgAdmin is down (status 0)',
    classes: ['endpoint-down'],
    node: 'vk03',
    numbers: [n('status', 0, 0)],
  },
  {
    id: '21:53 #3',
    at: '2026-02-18 21:53',
    severity: 'INFO',
    title: 'vk01/vk02 Visualizer services are down (status 0)',
    classes: ['endpoint-down'],
    node: 'vk01',
    numbers: [n('status', 0, 0)],
  },
  {
    id: '21:53 #4',
    at: '2026-02-18 21:53',
    severity: 'SUGGESTION',
    title: 'HTTP health endpoints as SSH-independent monitoring',
    // The SSH outage's finding (what still answers, to diagnose with); vk03's 0-byte database
    // size is a monitoring blind spot too, but not this one.
    classes: ['channel-unreachable'],
  },
  // -- 2026-02-18 22:08 -----------------------------------------------------------------------
  {
    id: '22:08 #1',
    at: '2026-02-18 22:08',
    severity: 'WARNING',
    title: 'vk03 backend has persistent broken Redis connection to vk02',
    classes: ['client-reconnect-loop'],
    node: 'vk03',
  },
  {
    id: '22:08 #2',
    at: '2026-02-18 22:08',
    severity: 'WARNING',
    title: '"database visionking does not exist" errors on vk01 and vk02',
    classes: ['repeated-database-error'],
    numbers: [n('nodes', 2, 0)],
  },
  {
    id: '22:08 #3',
    at: '2026-02-18 22:08',
    severity: 'SUGGESTION',
    title: 'vk02 visionking-visualizer shows recurring OOM pattern (414 MB)',
    classes: ['oom-kill-pattern'],
    node: 'vk02',
    // The kill it sees is the Feb 18 19:08 SIGKILL line (the scenario's pastKills; Feb 4 and
    // Feb 10 are older than the day a History holds).
    numbers: [n(['currentMb', 'memoryMb'], 414, 15), n('kills', 1, 0)],
  },
  {
    id: '22:08 #4',
    at: '2026-02-18 22:08',
    severity: 'INFO',
    title: 'vk01 recently rebooted and GPU model is loaded but idle (67.4 %, 0 %)',
    classes: ['gpu-idle-loaded', 'recent-reboot'],
    node: 'vk01',
  },
  {
    id: '22:08 #5',
    at: '2026-02-18 22:08',
    severity: 'SUGGESTION',
    title: 'Clock synchronization issue on vk02 (timestamps 3 days ahead)',
    classes: ['clock-drift'],
    node: 'vk02',
  },
  // -- 2026-02-18 23:02 -----------------------------------------------------------------------
  {
    id: '23:02 #1',
    at: '2026-02-18 23:02',
    severity: 'INFO',
    title: 'intel-gpu-exporter was removed from vk01 between snapshots',
    classes: ['container-crash-loop'],
    node: 'vk01',
  },
  {
    id: '23:02 #2',
    at: '2026-02-18 23:02',
    severity: 'SUGGESTION',
    title: 'PLC monitor WARNING log level is too verbose (~170 lines/s)',
    classes: ['log-volume'],
    numbers: [n(['linesPerSecond', 'warningLinesPerSecond'], 170, 60)],
  },
  {
    id: '23:02 #3',
    at: '2026-02-18 23:02',
    severity: 'INFO',
    title: 'vk02 visionking-visualizer memory dropped 100MB (414MB -> 315MB)',
    classes: ['oom-kill-pattern'],
    node: 'vk02',
    // The demo plant kills the worker at its 416 MiB limit at 22:52 (scenario, vk02 visualizer).
    numbers: [n(['dropMb', 'droppedMb'], 100, 15)],
  },
  {
    id: '23:02 #4',
    at: '2026-02-18 23:02',
    severity: 'SUGGESTION',
    title: 'vk03 database-server container has 5.78GB disk footprint',
    classes: ['disk-growth'],
    node: 'vk03',
    numbers: [n(['sizeGb', 'writableGb'], 5.78, 0.3)],
  },
  // -- 2026-02-18 23:18 -----------------------------------------------------------------------
  {
    id: '23:18 #1',
    at: '2026-02-18 23:18',
    severity: 'INFO',
    title: 'vk01 Prometheus memory dropped 93MB (787MB -> 694MB)',
    classes: ['memory-oscillation', 'oom-kill-pattern'],
    node: 'vk01',
  },
  {
    id: '23:18 #2',
    at: '2026-02-18 23:18',
    severity: 'INFO',
    title: 'Version inconsistency between vk01 and vk02 inference containers',
    classes: ['version-drift'],
  },
  {
    id: '23:18 #3',
    at: '2026-02-18 23:18',
    severity: 'SUGGESTION',
    title: 'vk02 has additional pipeline services not present on vk01',
    classes: ['asymmetric-deployment'],
  },
  {
    id: '23:18 #4',
    at: '2026-02-18 23:18',
    severity: 'INFO',
    title: 'All Redis databases empty across both nodes (DB0-DB3)',
    classes: ['cold-state'],
  },
  // -- 2026-02-18 23:33 -----------------------------------------------------------------------
  {
    id: '23:33 #1',
    at: '2026-02-18 23:33',
    severity: 'INFO',
    title: '"visionking" database probe synchronized across vk01 and vk02',
    classes: ['repeated-database-error'],
    numbers: [n('nodes', 2, 0)],
  },
  {
    id: '23:33 #2',
    at: '2026-02-18 23:33',
    severity: 'INFO',
    title: 'System idle for 24+ hours with models loaded (67.4 % GPU memory, 0 %)',
    classes: ['gpu-idle-loaded'],
    numbers: [n(['memoryUsedPct', 'gpuMemoryPct'], 67.4, 1)],
  },
  {
    id: '23:33 #3',
    at: '2026-02-18 23:33',
    severity: 'SUGGESTION',
    title: 'vk01 Prometheus memory is trending upward despite idle state',
    classes: ['memory-oscillation', 'memory-leak'],
    node: 'vk01',
  },
  {
    id: '23:33 #4',
    at: '2026-02-18 23:33',
    severity: 'INFO',
    title: 'vk01 recently rebooted (1.9 h uptime), vk02 4.3 h',
    classes: ['recent-reboot'],
    node: 'vk01',
    numbers: [n(['uptimeHours'], 1.9, 0.3)],
  },
  // -- 2026-02-18 23:36 -----------------------------------------------------------------------
  {
    id: '23:36 #1',
    at: '2026-02-18 23:36',
    severity: 'INFO',
    title: 'vk01 Prometheus oscillates between ~630-830MB on its compaction cycle',
    classes: ['memory-oscillation'],
    node: 'vk01',
    numbers: [n(['lowMb', 'minMb'], 634, 40), n(['highMb', 'maxMb'], 829, 40)],
  },
  {
    id: '23:36 #2',
    at: '2026-02-18 23:36',
    severity: 'INFO',
    title: 'vk02 visionking-visualizer memory re-accumulating (~2.7MB/h, ~24 h to 400MB)',
    classes: ['memory-leak'],
    node: 'vk02',
    // Only the rate: the report's ~24 h count from 334 MB to a guessed ~400 MB; the demo plant
    // kills the worker at 22:52 (not 19:08), so at 23:36 it holds ~317 MiB, and a rule counts
    // to the container's 416 MiB limit: ~37 h, right for the plant it sees.
    numbers: [n('rateMbPerHour', 2.7, 1)],
  },
  {
    id: '23:36 #3',
    at: '2026-02-18 23:36',
    severity: 'SUGGESTION',
    title: 'vk03 database-server reports 0 db_size_bytes (wrong database probed?)',
    classes: ['monitoring-blind-spot'],
    node: 'vk03',
    numbers: [n('sizeBytes', 0, 0)],
  },
  {
    id: '23:36 #4',
    at: '2026-02-18 23:36',
    severity: 'SUGGESTION',
    title: 'Standardize Docker Compose version across nodes (2.32.4 / 2.29.7 / 2.31.0)',
    classes: ['version-drift'],
  },
  // -- "2026-02-19 02:43" (UTC; 23:43 local) --------------------------------------------------
  {
    id: '02:43 #1',
    at: '2026-02-18 23:43',
    severity: 'INFO',
    title: 'vk02 visualizer memory dropped 18MB in 10 minutes during idle',
    classes: ['oom-kill-pattern'],
    node: 'vk02',
    // A silent worker recycle at 23:41 (the scenario's `recycle` event): no restart, no line.
    numbers: [n(['dropMb', 'droppedMb'], 18, 6), n('silentRecycles', 1, 0)],
  },
  {
    id: '02:43 #2',
    at: '2026-02-18 23:43',
    severity: 'INFO',
    title: 'PostgreSQL "visionking" probe rate exactly 1 per minute per node',
    classes: ['repeated-database-error'],
    numbers: [n('perMinutePerNode', 1, 0.25)],
  },
  {
    id: '02:43 #3',
    at: '2026-02-18 23:43',
    severity: 'SUGGESTION',
    title: 'vk01 Prometheus memory oscillation is widening (13.4MB/min)',
    classes: ['memory-oscillation', 'memory-leak'],
    node: 'vk01',
    numbers: [n(['rateMbPerMinute', 'riseMbPerMinute'], 13.4, 3)],
  },
  // -- 2026-02-19 00:03 -----------------------------------------------------------------------
  {
    id: '00:03 #1',
    at: '2026-02-19 00:03',
    severity: 'INFO',
    title: 'vk01 GPU temperature dropped 6°C in 17 minutes (24°C -> 18°C)',
    classes: ['gpu-thermal-cycling'],
    node: 'vk01',
    // The report sampled every 15 minutes and saw 6 °C of the 27 -> 18 °C swing the design
    // describes (18 -> 27 °C within 30 minutes); the rule sees the whole 9 °C.
    numbers: [n(['swingC', 'dropC'], 7.5, 2)],
  },
  {
    id: '00:03 #2',
    at: '2026-02-19 00:03',
    severity: 'INFO',
    title: 'vk01 database-server FATAL errors disappeared from the error log window',
    classes: ['repeated-database-error'],
  },
  {
    id: '00:03 #3',
    at: '2026-02-19 00:03',
    severity: 'SUGGESTION',
    title: 'vk02 visualizer idle CPU 6x vk01 (0.49 vs 0.08)',
    classes: ['cpu-disparity'],
    node: 'vk02',
    numbers: [n('ratio', 6, 1.5)],
  },
  // -- 2026-02-19 00:18 -----------------------------------------------------------------------
  {
    id: '00:18 #1',
    at: '2026-02-19 00:18',
    severity: 'INFO',
    title: 'vk01 GPU thermal cycling confirmed: 18-27°C within 30 minutes',
    classes: ['gpu-thermal-cycling'],
    node: 'vk01',
    numbers: [n('swingC', 9, 2.5)],
  },
  {
    id: '00:18 #2',
    at: '2026-02-19 00:18',
    severity: 'INFO',
    title: 'vk02 database-server memory growing during idle (~48MB/h)',
    classes: ['memory-leak'],
    node: 'vk02',
    numbers: [n('rateMbPerHour', 48, 15)],
  },
  {
    id: '00:18 #3',
    at: '2026-02-19 00:18',
    severity: 'SUGGESTION',
    title: 'vk02 visualizer idle CPU 0.48 is 6x vk01 (0.08), unchanged',
    classes: ['cpu-disparity'],
    node: 'vk02',
    numbers: [n('ratio', 6, 1.5)],
  },
  // -- 2026-02-19 00:33 -----------------------------------------------------------------------
  {
    id: '00:33 #1',
    at: '2026-02-19 00:33',
    severity: 'WARNING',
    title: 'vk01 GPU metrics (memory, temperature) have gone null',
    classes: ['gpu-telemetry-lost'],
    node: 'vk01',
  },
  {
    id: '00:33 #2',
    at: '2026-02-19 00:33',
    severity: 'INFO',
    title: 'vk01 and vk02 database-server PIDs advancing (~90 PIDs/min)',
    classes: ['repeated-database-error'],
  },
  {
    id: '00:33 #3',
    at: '2026-02-19 00:33',
    severity: 'INFO',
    title: 'vk01 cadvisor memory dropped 195MB -> 168MB',
    classes: ['oom-kill-pattern', 'memory-oscillation'],
    node: 'vk01',
    numbers: [n(['dropMb', 'droppedMb'], 27, 8)],
  },
  // -- 2026-02-19 00:48 -----------------------------------------------------------------------
  {
    id: '00:48 #1',
    at: '2026-02-19 00:48',
    severity: 'WARNING',
    title: 'vk01 GPU telemetry blackout sustained for 30+ minutes',
    classes: ['gpu-telemetry-lost'],
    node: 'vk01',
    afterMinutes: 15,
  },
  {
    id: '00:48 #2',
    at: '2026-02-19 00:48',
    severity: 'INFO',
    title: 'vk03 Prometheus memory grew 17% in 15 minutes (242MB -> 283MB)',
    classes: ['memory-leak', 'memory-oscillation'],
    node: 'vk03',
  },
  {
    id: '00:48 #3',
    at: '2026-02-19 00:48',
    severity: 'INFO',
    title: 'vk02 GPU temperature stabilized at 23°C, no thermal cycling',
    classes: ['gpu-thermal-cycling'],
    node: 'vk02',
    // The steady peer's finding: vk02 moved 2 °C (21 → 23 °C) while vk01 cycles.
    numbers: [n('highC', 23, 1), n('rangeC', 2, 1)],
  },
  {
    id: '00:48 #4',
    at: '2026-02-19 00:48',
    severity: 'SUGGESTION',
    title: 'vk02 is-sis-surface writable layer 120MB',
    classes: ['disk-growth'],
    node: 'vk02',
    numbers: [n(['sizeMb', 'writableMb'], 120, 10)],
  },
  // -- 2026-02-22 20:16 -----------------------------------------------------------------------
  {
    id: '02-22 #1',
    at: '2026-02-22 20:16',
    severity: 'WARNING',
    title: "bar_uuid and part_uuid 'empty': 100% inspection data loss",
    classes: ['pipeline-data-loss'],
    numbers: [n(['lossPct', 'rejectedPct'], 100, 1)],
    beforeMinutes: 150,
  },
  {
    id: '02-22 #2',
    at: '2026-02-22 20:16',
    severity: 'WARNING',
    title: 'DB_Speed missing Velocidade_Tratada: 100% frame sampling',
    classes: ['missing-key'],
    beforeMinutes: 150,
  },
  {
    id: '02-22 #3',
    at: '2026-02-22 20:16',
    severity: 'INFO',
    title: 'vk01 GPU recovered from the telemetry blackout',
    classes: ['gpu-telemetry-lost'],
    node: 'vk01',
    // It recovered at 01:17 on Feb 19; the report noticed it at the next cycle, days later.
    beforeMinutes: 4 * 24 * 60,
  },
  {
    id: '02-22 #4',
    at: '2026-02-22 20:16',
    severity: 'INFO',
    title: 'vk01 database-server grew 300MB in 2.5 h (15.8GB -> 16.1GB); with inference 31.2GB',
    classes: ['memory-leak', 'resource-pressure'],
    node: 'vk01',
    beforeMinutes: 150,
  },
  {
    id: '02-22 #5',
    at: '2026-02-22 20:16',
    severity: 'SUGGESTION',
    title: "Inference 'File is empty' race on all 4 cameras every 3-4 s",
    classes: ['producer-consumer-race'],
    // The four cameras are the race's producers.
    numbers: [n(['cameras', 'producers'], 4, 0)],
    beforeMinutes: 150,
  },
  {
    id: '02-22 #6',
    at: '2026-02-22 20:16',
    severity: 'INFO',
    title: 'vk02 is fully dark: reachable but zero containers',
    classes: ['node-dark'],
    node: 'vk02',
  },
];
