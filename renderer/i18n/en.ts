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
    logs: {
      title: 'Logs',
      description:
        'The log lines of every container will appear here as snapshots bring them, with ' +
        'level filters, repeated patterns and lines dated in the future.',
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
    gpus: 'GPUs',
    gpuTemperatureMax: 'Hottest GPU',
    noReading: 'no reading',
    containerCounts:
      '{{running}} running · {{restarting}} restarting · {{exited}} exited of {{total}}',
    fullestDisk: 'Fullest disk',
    diskUsed: '{{percent}} used on {{mount}}',
    gpu: 'GPU {{index}}',
    gpuMemory: 'memory {{percent}}',
    gpuUtilization: 'busy {{percent}}',
    findings: 'Open findings',
    findingsOf: 'Open findings of {{node}}',
    lastSuccess: 'last answer {{age}}',
    neverSucceeded: 'no answer since the core started',
    stale: 'stale',
    staleNotice:
      'These numbers are stale: the last collection arrived {{age}}. They stay on screen ' +
      'until new ones come.',
    reasons: {
      waiting: 'Nothing has been collected from this node yet.',
      noGpus: 'This node has no GPU.',
      findingsLoading: 'Asking the core for findings…',
      findingsUnavailable: 'The core could not list findings ({{message}}).',
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
  errors: {
    viewFailed: 'This view failed and could not be drawn: {{message}}',
  },
  common: {
    loading: 'Loading…',
  },
  commands: {
    goTo: 'Go to {{view}}',
    openNode: 'Open node {{node}}',
    openPalette: 'Open the command palette',
    toggleTheme: 'Switch between dark and light theme',
    toggleWallDisplay: 'Turn wall-display mode on or off',
    toggleSound: 'Turn the alert sound on or off',
    language: 'Language: {{language}}',
  },
  palette: {
    open: 'Commands',
    label: 'Command palette',
    search: 'Search commands',
    placeholder: 'Type a command or a view…',
    results: 'Matching commands',
    noMatch: 'No command matches.',
  },
  alerts: {
    warningTitle: 'New WARNING in the control room',
    repeatTitle: 'WARNING still waiting for acknowledgement',
  },
  containerStates: {
    created: 'created',
    running: 'running',
    paused: 'paused',
    restarting: 'restarting',
    removing: 'removing',
    exited: 'exited',
    dead: 'dead',
  },
  containerHealth: {
    healthy: 'healthy',
    unhealthy: 'unhealthy',
    starting: 'starting',
    none: 'no health check',
  },
  node: {
    chooseNode: 'Choose a node',
    heading: 'Node {{node}}',
    comparedWith: '(compared with its peer {{peer}})',
    notCollected: 'Nothing has been collected from {{node}} yet.',
    host: 'Host',
    clock: 'Clock',
    ntpSynced: 'synchronised (NTP), zone {{zone}}',
    ntpNotSynced: 'NOT synchronised, zone {{zone}}',
    disk: 'Disk {{mount}}',
    diskUsage: '{{percent}} of {{size}}',
    versions: 'Versions',
    software: 'Software',
    here: 'This node',
    differs: 'differs from the peer',
    unknownVersion: 'unknown',
    softwareNames: {
      docker: 'Docker',
      compose: 'Docker Compose',
      postgres: 'PostgreSQL',
      redis: 'Redis',
    },
    containers: 'Containers',
    containersCaption: 'Containers of {{node}}',
    filterText: 'Filter by name or image',
    filterState: 'State',
    allStates: 'every state',
    shownCount: '{{shown}} of {{total}} shown',
    columns: {
      name: 'Container',
      image: 'Image tag',
      state: 'State',
      health: 'Health',
      restarts: 'Restarts',
      memory: 'Memory',
      cpu: 'CPU',
      writable: 'Writable layer',
    },
    oomKilled: 'killed: out of memory',
    memorySparkline: 'Memory of {{container}} over the last snapshots',
    onlyHere: 'only on this node, not on {{peer}}',
    otherTag: '{{peer}} runs {{tag}}',
    onlyOnPeer: 'Running on {{peer}} but not here: {{names}}',
    endpoints: 'HTTP endpoints',
    noEndpoints: 'The fleet file names no HTTP endpoint for this node.',
    endpointName: 'Endpoint',
    endpointUrl: 'Address',
    endpointStatus: 'Answer',
    noAnswer: 'no answer: {{message}}',
    httpStatus: 'HTTP {{status}} in {{latency}} ms',
    postgres: 'PostgreSQL',
    postgresServer: 'Version {{version}}, {{connections}} of {{maxConnections}} connections',
    postgresErrors: 'Errors in the server log',
    redis: 'Redis',
    redisServer: 'Version {{version}}, {{memory}} used',
    redisDatabase: 'DB{{db}}: {{keys}} keys',
    watchedKeys: 'Watched keys',
    keyAbsent: 'the key does not exist',
    queues: 'RabbitMQ queues',
    queueName: 'Queue',
    queueMessages: 'Messages',
    queueConsumers: 'Consumers',
    noConsumer: 'nobody consumes',
  },
  trends: {
    range: 'Time range',
    node: 'Node',
    ranges: {
      '1h': '1 hour',
      '6h': '6 hours',
      '24h': '24 hours',
      '7d': '7 days',
      '30d': '30 days',
    },
    fromArchive: 'from the archive',
    fromSession: "from this page's recent snapshots",
    archiveUnavailable: '(the archive cannot answer: hover for why)',
    noData: 'no data yet',
    noTelemetry: 'no telemetry',
    notRecorded: 'not recorded',
    memory: {
      heading: 'Memory forecasts on {{node}}',
      chart: 'Memory of {{container}} on {{node}}',
      loading: 'Asking the archive…',
      nothingToForecast: 'No container grew in this range, and no finding names a leak or a kill.',
      forecast: 'Forecast',
      noForecast:
        'No forecast: it is not growing, or no threshold is known ' +
        '(no memory limit, never killed).',
      forecastSentence: {
        finding:
          'Growing {{rate}} per hour (the leak finding): it reaches the {{threshold}} ' +
          '({{level}}) in ~{{hours}} h.',
        fit:
          'Growing {{rate}} per hour since its last drop: it reaches the {{threshold}} ' +
          '({{level}}) in ~{{hours}} h.',
      },
      thresholds: {
        'kill-level': 'level at which it was killed before',
        'memory-limit': 'memory limit',
        'host-memory': "host's free memory",
        finding: 'threshold',
      },
      events: {
        killed: 'killed',
        restarted: 'restarted',
        recycled: 'recycled',
      },
      eventsOf: 'Events of {{container}}',
      eventAt: {
        killed: 'Killed at {{time}}',
        restarted: 'Restarted at {{time}}',
        recycled: 'Recycled at {{time}}',
      },
    },
  },
  gpus: {
    heading: 'GPU {{index}} · {{name}}',
    telemetryLost: 'telemetry lost',
    idleLoaded: 'idle with models loaded',
    findings: 'Findings about these GPUs',
    metrics: {
      temperatureC: 'Temperature',
      memoryUsedPct: 'Memory used',
      utilizationPct: 'Utilization',
      powerW: 'Power',
    },
  },
  containers: {
    memoryHeading: 'Memory of the {{shown}} largest containers on {{node}}',
    memoryChart: 'Container memory on {{node}}',
    topGrowers: 'Top growers',
    container: 'Container',
    growth: 'From → to',
    growthRate: 'Growth',
    perHour: '{{amount}} per hour',
    noGrowth: 'No container grew in this range.',
    oneBucket: 'The archive holds too little of this range to measure a rate.',
  },
  findings: {
    filters: 'Filters',
    node: 'Node',
    allNodes: 'every node',
    state: 'Show',
    states: {
      open: 'open',
      resolved: 'resolved',
      all: 'all',
    },
    severities: {
      warning: 'WARNING',
      info: 'INFO',
      suggestion: 'SUGGESTION',
    },
    severityCount: {
      warning: 'WARNING: {{formatted}}',
      info: 'INFO: {{formatted}}',
      suggestion: 'SUGGESTION: {{formatted}}',
    },
    lifecycle: {
      new: 'new',
      ongoing: 'ongoing',
      resolved: 'resolved',
    },
    suppressed: {
      silenced: 'silenced',
      maintenance: 'in a maintenance window',
    },
    acknowledgedBy: 'acknowledged by {{by}}: {{note}}',
    evidence: 'Evidence',
    suggestedActions: 'Suggested actions',
    by: 'Your name',
    note: 'Note',
    acknowledge: 'Acknowledge',
    silence: 'Silence',
    silenceFor: 'for {{hours}} h',
    none: 'No findings: the rules found nothing to report.',
    noneMatch: 'No finding matches these filters.',
    unavailable: 'The core could not list findings ({{message}}).',
  },
  logs: {
    container: 'Container',
    containerOption: '{{key}} ({{lines}} lines)',
    levels: 'Levels',
    levelNames: {
      fatal: 'fatal',
      error: 'error',
      warning: 'warning',
      info: 'info',
      debug: 'debug',
      unknown: 'no level',
    },
    patterns: 'Repeated patterns',
    noPatterns: 'No line repeats among those kept.',
    level: 'Level',
    pattern: 'Pattern',
    count: 'Lines',
    rate: 'Rate',
    perMinute: '{{rate}} per minute',
    oneMoment: 'all at one moment',
    whyNoContainers: 'Why no container is listed',
    noContainers: '{{node}}: no container list ({{reason}})',
    noneRunning: 'the node reports no container',
    lines: 'Newest lines ({{shown}} of {{total}} kept)',
    future: 'future-dated',
    futureHelp:
      'This line is dated after the collection that brought it ({{seenAt}}): the clock of ' +
      'the node or of the program is ahead.',
  },
  review: {
    path: 'Bundle file or archive directory',
    pathPlaceholder: '/path/to/bundle or archive',
    open: 'Open',
    close: 'Close the review',
    openFailed: 'Could not open it: {{message}}',
    empty: 'The archive is empty.',
    session: 'Reviewing deployment {{deployment}} ({{source}})',
    sources: {
      archive: 'archive',
      bundle: 'bundle',
    },
    cursor: 'Moment: {{moment}}',
    markFrom: 'Compare from this moment',
    comparing: 'Comparing from {{from}} to the moment above.',
    nothingAtCursor: 'The archive holds nothing at or before this moment.',
    fleetAt: 'The fleet at this moment',
    channelsDown: 'Channels down',
    noneDown: 'none',
    memoryAvailable: 'Memory available',
    findingsOpen: 'Findings open at this moment: {{open}}',
    diffHeading: 'What changed between the two moments',
    diffCounts:
      '{{added}} containers added, {{removed}} removed, {{restarted}} restarted, ' +
      '{{images}} image changes',
    findingsDiff: 'Findings opened: {{opened}}; closed: {{closed}}',
    banner: 'Reviewing {{moment}}: every view shows this moment, not live data.',
    backToLive: 'Back to live',
    exportBundle: 'Export a bundle',
    bundlePath: 'New bundle file (on the core’s computer)',
    bundlePathPlaceholder: '/home/operator/03002-shift.vkbundle',
    writeBundle: 'Write the bundle',
    archiveEmpty: 'The archive holds nothing to export yet.',
    progress: '{{phase}}: {{done}} records…',
    bundleWritten: 'Written {{path}} ({{records}} records). It is ready to open above.',
    export: 'Export the report',
    renderReport: 'Prepare the report (Markdown)',
    download: 'Download the report',
  },
  actions: {
    role: 'Your role: {{role}}',
    minimumRole: 'Needs the role {{role}} or higher.',
    unavailable: 'The core could not list its actions ({{message}}).',
    emptyCatalog: 'The core offers no action in this session.',
    notAvailable: 'Actions cannot run in this session (a review, or no live fleet).',
    roles: {
      viewer: 'viewer',
      technician: 'technician',
      supervisor: 'supervisor',
    },
    risks: {
      readOnly: 'read-only',
      disruptive: 'disruptive',
      destructive: 'destructive',
    },
  },
  settings: {
    theme: 'Theme',
    themes: {
      dark: 'Dark',
      light: 'Light',
    },
    displayAndAlerts: 'Display and alerts',
    copyDiagnostics: 'Diagnostics for support',
    wallDisplay: 'Wall-display mode',
    wallDisplayHelp:
      'Large type, and the Overview, GPUs, Containers and Findings views cycling every 20 seconds.',
    sound: 'Play a sound with each new WARNING',
    testSound: 'Play the sound now',
    notifications: 'Show a notification for each new WARNING',
    notificationPermission: {
      default: 'The browser will ask for permission when this is turned on.',
      granted: 'The browser allows notifications from this page.',
      denied: 'The browser blocks notifications from this page; allow them in its settings.',
      unsupported: 'This browser cannot show notifications.',
    },
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
  secrets: {
    title: 'Passwords and passphrases',
    help:
      'The fleet file names an environment variable for each password and SSH key passphrase. ' +
      'Enter them here: the app keeps them in the operating system keychain and starts the ' +
      'core with them. Once entered, a secret is never shown again.',
    fromEnvironment:
      'In browser mode secrets come from environment variables or the SSH agent: export each ' +
      'variable the fleet file names (passwordEnv) before starting control-room serve. ' +
      'Nothing is stored.',
    loading: 'Reading which secrets the fleet file needs…',
    failed: 'Could not read the secrets: {{message}}',
    noFleet: 'No fleet file is watched, so no secret is needed.',
    none: 'The fleet file names no password or passphrase.',
    noKeychain:
      'This computer has no keychain the app can use, so nothing is stored: what you enter is ' +
      'kept in memory until the app quits, and the app asks for it again at each start.',
    fleetFile: 'For the fleet file {{file}}',
    usedBy: 'Used by {{uses}}',
    channels: {
      ssh: 'SSH',
      postgres: 'PostgreSQL',
      redis: 'Redis',
      rabbitmq: 'RabbitMQ',
    },
    states: {
      stored: 'Stored in the keychain',
      session: 'Kept until the app quits',
      environment: 'Set in the environment the app started with',
      missing: 'Missing',
    },
    value: 'New value for {{variable}}',
    save: 'Save',
    saving: 'Saving…',
    forget: 'Forget',
    stored: 'Stored in the keychain. The core restarts to use it.',
    session: 'Kept in memory until the app quits (no keychain). The core restarts to use it.',
    forgotten: 'Forgotten. The core restarts without it.',
    notStored: 'Nothing was stored for it.',
  },
  thresholds: {
    title: 'Finding thresholds',
    help:
      'Each rule of the findings engine decides with these numbers. A saved change is used from ' +
      'the next evaluation on and kept on this computer for the next start. Open a rule to see ' +
      'its thresholds, what each one means and its default.',
    loading: 'Reading the thresholds…',
    failed: 'Could not read the thresholds: {{message}}',
    keptIn: 'Changes are kept in {{file}}.',
    noEngine:
      'This session runs no findings engine (an empty fleet or a review): the defaults below ' +
      'apply and cannot be changed here.',
    changedCount: 'changed: {{count}}',
    threshold: 'Threshold',
    meaning: 'What it means',
    value: 'Value',
    default: 'Default',
    reset: 'Reset to default',
    fieldLabel: '{{rule}}: {{name}} ({{unit}})',
    resetLabel: 'Reset {{name}} of {{rule}} to its default',
    save: 'Save thresholds',
    saving: 'Saving…',
    undo: 'Undo my changes',
    saved: 'Saved. The findings engine uses these values from its next evaluation.',
    refused: 'Not saved:',
    notNumber: '{{rule}}, {{name}}: "{{text}}" is not a number',
    units: {
      count: 'count',
      fraction: 'fraction',
      fractionOfPeriod: 'fraction of the period',
      ratio: 'ratio',
      linesPerSecond: 'lines/s',
      percentOfCore: '% of a core',
      percentPerDay: '%/day',
    },
  },
  languages: {
    en: 'English',
    'pt-BR': 'Português (Brasil)',
  },
};

/** The shape every language must have: the same keys, strings at the leaves. */
export type Translations = typeof en;
