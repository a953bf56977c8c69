// English strings. Every visible string of the renderer lives here and in pt-BR.ts, same keys.
export const en = {
  app: {
    name: 'VisionKing Control Room',
    skipToContent: 'Skip to content',
  },
  header: {
    deployment: 'Deployment {{deployment}}',
    demoDeployment: 'Deployment {{deployment}} (demo plant)',
    noFleet: 'No fleet configured',
    waitingForCore: 'Waiting for the core…',
    demoBadge: 'DEMO',
    demoBadgeLabel:
      'Demo: a simulated plant running faster than real time, not a real deployment. ' +
      'Nothing shown here comes from real machines.',
  },
  connection: {
    connected: 'Connected',
    reconnecting: 'Reconnecting…',
    offline: 'Offline',
    lastHeartbeat: 'Last heartbeat from the core at {{time}}',
    noHeartbeat: 'No heartbeat received from the core yet',
  },
  nav: {
    label: 'Main',
  },
  views: {
    overview: {
      title: 'Overview',
      description:
        'All nodes at a glance will appear here: which are reachable, the newest findings and ' +
        'what changed since the last collection.',
    },
    nodes: {
      title: 'Nodes',
      description:
        'Each node will appear here with its channels (SSH, PostgreSQL, Redis, HTTP), load, ' +
        'memory, disks, clock and uptime.',
    },
    gpus: {
      title: 'GPUs',
      description:
        "Each GPU's temperature, memory, utilization, power and fan will appear here, with " +
        'trends and whether its telemetry is arriving.',
    },
    containers: {
      title: 'Containers',
      description:
        'Every container on every node will appear here: state, health, restarts, memory, CPU ' +
        'and image version, side by side across peer nodes.',
    },
    findings: {
      title: 'Findings',
      description:
        'Plain-language findings about the plant will appear here, each with its severity, ' +
        'numbers, evidence and suggested actions.',
    },
    actions: {
      title: 'Actions',
      description:
        'Remediations and diagnostics from a fixed catalog will appear here, each with a ' +
        'preview, a confirmation, live output and an audit record.',
    },
    review: {
      title: 'Review',
      description:
        'Saved snapshots of a shift will appear here, to scrub through time, compare two ' +
        'moments and export the report.',
    },
    settings: {
      title: 'Settings',
      description: 'Preferences for this window and what the core says about itself.',
    },
  },
  emptyState: {
    noFleet:
      'No fleet is configured yet. Start the core with a fleet file ' +
      '(<code>control-room serve --fleet FILE</code>) or with the demo plant ' +
      '(<code>control-room serve --demo</code>).',
    nothingCollected: 'Nothing has been collected yet for deployment {{deployment}}.',
    waitingForCore: 'The core has not answered yet; this fills in once it does.',
  },
  overview: {
    plantTime: 'Plant time: <time>{{moment}}</time>',
    waitingForSnapshot: 'Waiting for the first collection…',
    nodesLabel: 'Nodes',
    cardHeading: '{{node}} · {{role}}',
    host: 'Host {{host}}',
    channelsLabel: 'Channels of {{node}}',
    channels: {
      ssh: 'SSH',
      postgres: 'PostgreSQL',
      redis: 'Redis',
      http: 'HTTP',
      prometheus: 'Prometheus',
      rabbitmq: 'RabbitMQ',
    },
    channelStates: {
      up: 'up',
      degraded: 'degraded',
      down: 'down',
      unknown: 'unknown',
      notConfigured: 'not configured',
    },
    uptime: 'Uptime',
    load: 'Load (1 min)',
    memoryUsed: 'Memory used',
    containers: 'Containers',
    containersRunning: '{{running}} of {{total}} running',
    gpus: 'GPUs',
    gpuTemperatureMax: 'Hottest GPU',
    noReading: 'no reading',
    reasons: {
      waiting: 'Nothing has been collected from this node yet.',
      noGpus: 'This node has no GPU.',
    },
    verdicts: {
      'all-unreachable':
        'Every channel of every node is down at once. The nodes are unlikely to fail ' +
        "together: check this workstation's network, VPN and cable first.",
      'ssh-unreachable-everywhere':
        'SSH is down on every node while other channels still answer. The nodes are up; ' +
        "suspect this workstation's SSH key, agent, VPN route or a firewall rule for port 22.",
    },
  },
  nodes: {
    caption: 'Nodes of the fleet file',
    id: 'Node',
    role: 'Role',
    host: 'Host',
    roles: {
      processing: 'Processing',
      dashboard: 'Dashboard',
    },
  },
  settings: {
    language: 'Language',
    languageHelp: 'The interface language of this window. It is remembered on this computer.',
    core: 'Core',
    coreUnknown: 'The core has not answered yet.',
    version: 'Version',
    mode: 'Mode',
    startedAt: 'Started at',
    processId: 'Process id',
    modes: {
      desktop: 'Desktop app',
      browser: 'Browser mode',
      test: 'Test',
    },
    diagnostics: 'Connection messages',
    diagnosticsCount: '{{count}} messages since this page opened; the newest are listed.',
    noProblems: 'No problems reported since this page opened.',
  },
  languages: {
    en: 'English',
    'pt-BR': 'Português (Brasil)',
  },
};

/** The shape every language must have: the same keys, strings at the leaves. */
export type Translations = typeof en;
