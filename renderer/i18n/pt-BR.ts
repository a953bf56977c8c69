// Brazilian Portuguese strings; same keys as en.ts (the type and a unit test both check it).
import type { Translations } from './en';

export const ptBR: Translations = {
  app: {
    name: 'VisionKing Control Room',
    skipToContent: 'Pular para o conteúdo',
  },
  header: {
    deployment: 'Implantação {{deployment}}',
    demoDeployment: 'Implantação {{deployment}} (planta de demonstração)',
    noFleet: 'Nenhuma frota configurada',
    waitingForCore: 'Aguardando o núcleo…',
    demoBadge: 'DEMONSTRAÇÃO',
    demoBadgeLabel:
      'Demonstração: uma planta simulada, mais rápida que o tempo real, não uma ' +
      'implantação real. Nada do que aparece aqui vem de máquinas reais.',
  },
  connection: {
    connected: 'Conectado',
    reconnecting: 'Reconectando…',
    offline: 'Sem conexão',
    lastHeartbeat: 'Último sinal do núcleo às {{time}}',
    noHeartbeat: 'Nenhum sinal do núcleo recebido ainda',
  },
  nav: {
    label: 'Principal',
  },
  views: {
    overview: {
      title: 'Visão geral',
      description:
        'Aqui aparecerão todos os nós de relance: quais estão acessíveis, os achados mais ' +
        'recentes e o que mudou desde a última coleta.',
    },
    nodes: {
      title: 'Nós',
      description:
        'Aqui aparecerá cada nó com seus canais (SSH, PostgreSQL, Redis, HTTP), carga, ' +
        'memória, discos, relógio e tempo ligado.',
    },
    gpus: {
      title: 'GPUs',
      description:
        'Aqui aparecerão temperatura, memória, utilização, potência e ventoinha de cada ' +
        'GPU, com tendências e se a telemetria está chegando.',
    },
    containers: {
      title: 'Contêineres',
      description:
        'Aqui aparecerá cada contêiner de cada nó: estado, saúde, reinícios, memória, CPU ' +
        'e versão da imagem, lado a lado entre nós equivalentes.',
    },
    logs: {
      title: 'Registros',
      description:
        'As linhas de registro de cada contêiner aparecerão aqui conforme as coletas as ' +
        'trazem, com filtros por nível, padrões repetidos e linhas datadas no futuro.',
    },
    findings: {
      title: 'Achados',
      description:
        'Aqui aparecerão achados sobre a planta em linguagem simples, cada um com severidade, ' +
        'números, evidências e ações sugeridas.',
    },
    actions: {
      title: 'Ações',
      description:
        'Aqui aparecerão correções e diagnósticos de um catálogo fixo, cada um com prévia, ' +
        'confirmação, saída ao vivo e registro de auditoria.',
    },
    review: {
      title: 'Revisão',
      description:
        'Aqui aparecerão os snapshots salvos de um turno, para percorrer o tempo, comparar dois ' +
        'momentos e exportar o relatório.',
    },
    settings: {
      title: 'Configurações',
      description: 'Preferências desta janela e o que o núcleo informa sobre si mesmo.',
    },
  },
  emptyState: {
    noFleet:
      'Nenhuma frota está configurada ainda. Inicie o núcleo com um arquivo de frota ' +
      '(<code>control-room serve --fleet ARQUIVO</code>) ou com a planta de demonstração ' +
      '(<code>control-room serve --demo</code>).',
    nothingCollected: 'Nada foi coletado ainda para a implantação {{deployment}}.',
    waitingForCore: 'O núcleo ainda não respondeu; isto se preenche quando ele responder.',
  },
  overview: {
    plantTime: 'Hora da planta: <time>{{moment}}</time>',
    waitingForSnapshot: 'Aguardando a primeira coleta…',
    nodesLabel: 'Nós',
    cardHeading: '{{node}} · {{role}}',
    host: 'Endereço {{host}}',
    channelsLabel: 'Canais de {{node}}',
    channels: {
      ssh: 'SSH',
      postgres: 'PostgreSQL',
      redis: 'Redis',
      http: 'HTTP',
      prometheus: 'Prometheus',
      rabbitmq: 'RabbitMQ',
    },
    channelStates: {
      up: 'no ar',
      degraded: 'instável',
      down: 'fora do ar',
      unknown: 'desconhecido',
      notConfigured: 'não configurado',
    },
    uptime: 'Tempo ligado',
    load: 'Carga (1 min)',
    memoryUsed: 'Memória usada',
    containers: 'Contêineres',
    gpus: 'GPUs',
    gpuTemperatureMax: 'GPU mais quente',
    noReading: 'sem leitura',
    containerCounts:
      '{{running}} em execução · {{restarting}} reiniciando · {{exited}} parados de {{total}}',
    fullestDisk: 'Disco mais cheio',
    diskUsed: '{{percent}} usado em {{mount}}',
    gpu: 'GPU {{index}}',
    gpuMemory: 'memória {{percent}}',
    gpuUtilization: 'ocupada {{percent}}',
    findings: 'Achados abertos',
    findingsOf: 'Achados abertos de {{node}}',
    lastSuccess: 'última resposta {{age}}',
    neverSucceeded: 'nenhuma resposta desde que o núcleo iniciou',
    stale: 'desatualizado',
    staleNotice:
      'Estes números estão desatualizados: a última coleta chegou {{age}}. Eles ficam na ' +
      'tela até chegarem novos.',
    reasons: {
      waiting: 'Nada foi coletado deste nó ainda.',
      noGpus: 'Este nó não tem GPU.',
      findingsLoading: 'Pedindo os achados ao núcleo…',
      findingsUnavailable: 'O núcleo não conseguiu listar os achados ({{message}}).',
    },
    verdicts: {
      'all-unreachable':
        'Todos os canais de todos os nós estão fora do ar ao mesmo tempo. É improvável que ' +
        'os nós falhem juntos: verifique primeiro a rede, a VPN e o cabo desta estação.',
      'ssh-unreachable-everywhere':
        'O SSH está fora do ar em todos os nós, mas os outros canais ainda respondem. Os nós ' +
        'estão no ar; suspeite da chave SSH, do agente, da rota da VPN ou de uma regra de ' +
        'firewall para a porta 22 desta estação.',
    },
  },
  nodes: {
    caption: 'Nós do arquivo de frota',
    id: 'Nó',
    role: 'Função',
    host: 'Endereço',
    roles: {
      processing: 'Processamento',
      dashboard: 'Painel',
    },
  },
  errors: {
    viewFailed: 'Esta tela falhou e não pôde ser desenhada: {{message}}',
  },
  common: {
    loading: 'Carregando…',
  },
  commands: {
    goTo: 'Ir para {{view}}',
    openNode: 'Abrir o nó {{node}}',
    openPalette: 'Abrir a paleta de comandos',
    toggleTheme: 'Alternar entre tema escuro e claro',
    toggleWallDisplay: 'Ligar ou desligar o modo painel de parede',
    toggleSound: 'Ligar ou desligar o som dos alertas',
    language: 'Idioma: {{language}}',
  },
  palette: {
    open: 'Comandos',
    label: 'Paleta de comandos',
    search: 'Buscar comandos',
    placeholder: 'Digite um comando ou uma tela…',
    results: 'Comandos encontrados',
    noMatch: 'Nenhum comando corresponde.',
  },
  alerts: {
    warningTitle: 'Novo AVISO na sala de controle',
    repeatTitle: 'AVISO ainda aguardando reconhecimento',
  },
  containerStates: {
    created: 'criado',
    running: 'em execução',
    paused: 'pausado',
    restarting: 'reiniciando',
    removing: 'sendo removido',
    exited: 'parado',
    dead: 'morto',
  },
  containerHealth: {
    healthy: 'saudável',
    unhealthy: 'com falha',
    starting: 'iniciando',
    none: 'sem verificação de saúde',
  },
  node: {
    chooseNode: 'Escolha um nó',
    heading: 'Nó {{node}}',
    comparedWith: '(comparado com o par {{peer}})',
    notCollected: 'Nada foi coletado de {{node}} ainda.',
    host: 'Máquina',
    clock: 'Relógio',
    ntpSynced: 'sincronizado (NTP), fuso {{zone}}',
    ntpNotSynced: 'NÃO sincronizado, fuso {{zone}}',
    disk: 'Disco {{mount}}',
    diskUsage: '{{percent}} de {{size}}',
    versions: 'Versões',
    software: 'Programa',
    here: 'Este nó',
    differs: 'diferente do par',
    unknownVersion: 'desconhecida',
    softwareNames: {
      docker: 'Docker',
      compose: 'Docker Compose',
      postgres: 'PostgreSQL',
      redis: 'Redis',
    },
    containers: 'Contêineres',
    containersCaption: 'Contêineres de {{node}}',
    filterText: 'Filtrar por nome ou imagem',
    filterState: 'Estado',
    allStates: 'todos os estados',
    shownCount: '{{shown}} de {{total}} exibidos',
    columns: {
      name: 'Contêiner',
      image: 'Versão da imagem',
      state: 'Estado',
      health: 'Saúde',
      restarts: 'Reinícios',
      memory: 'Memória',
      cpu: 'CPU',
      writable: 'Camada gravável',
    },
    oomKilled: 'encerrado: sem memória',
    memorySparkline: 'Memória de {{container}} nas últimas coletas',
    onlyHere: 'só neste nó, não em {{peer}}',
    otherTag: '{{peer}} executa {{tag}}',
    onlyOnPeer: 'Em execução em {{peer}} mas não aqui: {{names}}',
    endpoints: 'Endereços HTTP',
    noEndpoints: 'O arquivo da frota não indica endereço HTTP para este nó.',
    endpointName: 'Serviço',
    endpointUrl: 'Endereço',
    endpointStatus: 'Resposta',
    noAnswer: 'sem resposta: {{message}}',
    httpStatus: 'HTTP {{status}} em {{latency}} ms',
    postgres: 'PostgreSQL',
    postgresServer: 'Versão {{version}}, {{connections}} de {{maxConnections}} conexões',
    postgresErrors: 'Erros no registro do servidor',
    redis: 'Redis',
    redisServer: 'Versão {{version}}, {{memory}} em uso',
    redisDatabase: 'DB{{db}}: {{keys}} chaves',
    watchedKeys: 'Chaves observadas',
    keyAbsent: 'a chave não existe',
    queues: 'Filas do RabbitMQ',
    queueName: 'Fila',
    queueMessages: 'Mensagens',
    queueConsumers: 'Consumidores',
    noConsumer: 'ninguém consome',
  },
  trends: {
    range: 'Período',
    node: 'Nó',
    ranges: {
      '1h': '1 hora',
      '6h': '6 horas',
      '24h': '24 horas',
      '7d': '7 dias',
      '30d': '30 dias',
    },
    fromArchive: 'do arquivo histórico',
    fromSession: 'das coletas recentes desta página',
    archiveUnavailable: '(o arquivo histórico não responde: passe o mouse para ver o motivo)',
    noData: 'ainda sem dados',
    noTelemetry: 'sem telemetria',
    notRecorded: 'não gravado',
    memory: {
      heading: 'Previsões de memória em {{node}}',
      chart: 'Memória de {{container}} em {{node}}',
      loading: 'Consultando o arquivo histórico…',
      nothingToForecast:
        'Nenhum contêiner cresceu neste período, e nenhum achado aponta vazamento ou morte.',
      forecast: 'Previsão',
      noForecast:
        'Sem previsão: não está crescendo, ou nenhum limite é conhecido ' +
        '(sem limite de memória, nunca foi morto).',
      forecastSentence: {
        finding:
          'Crescendo {{rate}} por hora (o achado de vazamento): atinge o {{threshold}} ' +
          '({{level}}) em ~{{hours}} h.',
        fit:
          'Crescendo {{rate}} por hora desde a última queda: atinge o {{threshold}} ' +
          '({{level}}) em ~{{hours}} h.',
      },
      thresholds: {
        'kill-level': 'nível em que foi morto antes',
        'memory-limit': 'limite de memória',
        'host-memory': 'memória livre do host',
        finding: 'limite',
      },
      events: {
        killed: 'morto',
        restarted: 'reiniciado',
        recycled: 'reciclado',
      },
      eventsOf: 'Eventos de {{container}}',
      eventAt: {
        killed: 'Morto às {{time}}',
        restarted: 'Reiniciado às {{time}}',
        recycled: 'Reciclado às {{time}}',
      },
    },
  },
  gpus: {
    heading: 'GPU {{index}} · {{name}}',
    telemetryLost: 'telemetria perdida',
    idleLoaded: 'ociosa com modelos carregados',
    findings: 'Achados sobre estas GPUs',
    metrics: {
      temperatureC: 'Temperatura',
      memoryUsedPct: 'Memória usada',
      utilizationPct: 'Utilização',
      powerW: 'Potência',
    },
  },
  containers: {
    memoryHeading: 'Memória dos {{shown}} maiores contêineres em {{node}}',
    memoryChart: 'Memória dos contêineres em {{node}}',
    topGrowers: 'Os que mais crescem',
    container: 'Contêiner',
    growth: 'De → para',
    growthRate: 'Crescimento',
    perHour: '{{amount}} por hora',
    noGrowth: 'Nenhum contêiner cresceu neste período.',
    oneBucket: 'O arquivo histórico tem pouco deste período para medir uma taxa.',
  },
  findings: {
    filters: 'Filtros',
    node: 'Nó',
    allNodes: 'todos os nós',
    state: 'Mostrar',
    states: {
      open: 'abertos',
      resolved: 'resolvidos',
      all: 'todos',
    },
    severities: {
      warning: 'AVISO',
      info: 'INFORMAÇÃO',
      suggestion: 'SUGESTÃO',
    },
    severityCount: {
      warning: 'AVISO: {{formatted}}',
      info: 'INFORMAÇÃO: {{formatted}}',
      suggestion: 'SUGESTÃO: {{formatted}}',
    },
    lifecycle: {
      new: 'novo',
      ongoing: 'em andamento',
      resolved: 'resolvido',
    },
    suppressed: {
      silenced: 'silenciado',
      maintenance: 'em janela de manutenção',
    },
    acknowledgedBy: 'reconhecido por {{by}}: {{note}}',
    evidence: 'Evidências',
    suggestedActions: 'Ações sugeridas',
    by: 'Seu nome',
    note: 'Observação',
    acknowledge: 'Reconhecer',
    silence: 'Silenciar',
    silenceFor: 'por {{hours}} h',
    none: 'Nenhum achado: as regras não encontraram nada a relatar.',
    noneMatch: 'Nenhum achado corresponde a estes filtros.',
    unavailable: 'O núcleo não conseguiu listar os achados ({{message}}).',
  },
  logs: {
    container: 'Contêiner',
    containerOption: '{{key}} ({{lines}} linhas)',
    levels: 'Níveis',
    levelNames: {
      fatal: 'fatal',
      error: 'erro',
      warning: 'aviso',
      info: 'informação',
      debug: 'depuração',
      unknown: 'sem nível',
    },
    patterns: 'Padrões repetidos',
    noPatterns: 'Nenhuma linha se repete entre as guardadas.',
    level: 'Nível',
    pattern: 'Padrão',
    count: 'Linhas',
    rate: 'Taxa',
    perMinute: '{{rate}} por minuto',
    oneMoment: 'todas no mesmo instante',
    whyNoContainers: 'Por que nenhum contêiner aparece',
    noContainers: '{{node}}: sem lista de contêineres ({{reason}})',
    noneRunning: 'o nó não informa nenhum contêiner',
    lines: 'Linhas mais recentes ({{shown}} de {{total}} guardadas)',
    future: 'datada no futuro',
    futureHelp:
      'Esta linha tem data posterior à coleta que a trouxe ({{seenAt}}): o relógio do nó ' +
      'ou do programa está adiantado.',
  },
  review: {
    path: 'Arquivo de pacote ou diretório do arquivo histórico',
    pathPlaceholder: '/caminho/do/pacote ou arquivo histórico',
    open: 'Abrir',
    close: 'Fechar a revisão',
    openFailed: 'Não foi possível abrir: {{message}}',
    empty: 'O arquivo histórico está vazio.',
    session: 'Revisando a implantação {{deployment}} ({{source}})',
    sources: {
      archive: 'arquivo histórico',
      bundle: 'pacote',
    },
    cursor: 'Momento: {{moment}}',
    markFrom: 'Comparar a partir deste momento',
    comparing: 'Comparando de {{from}} até o momento acima.',
    nothingAtCursor: 'O arquivo histórico não tem nada até este momento.',
    fleetAt: 'A frota neste momento',
    channelsDown: 'Canais fora do ar',
    noneDown: 'nenhum',
    memoryAvailable: 'Memória disponível',
    findingsOpen: 'Achados abertos neste momento: {{open}}',
    diffHeading: 'O que mudou entre os dois momentos',
    diffCounts:
      '{{added}} contêineres adicionados, {{removed}} removidos, {{restarted}} reiniciados, ' +
      '{{images}} trocas de imagem',
    findingsDiff: 'Achados abertos: {{opened}}; encerrados: {{closed}}',
    banner: 'Revisando {{moment}}: todas as telas mostram este momento, não os dados ao vivo.',
    backToLive: 'Voltar ao vivo',
    exportBundle: 'Exportar um pacote',
    bundlePath: 'Novo arquivo de pacote (no computador do núcleo)',
    bundlePathPlaceholder: '/home/operador/03002-turno.vkbundle',
    writeBundle: 'Gravar o pacote',
    archiveEmpty: 'O arquivo histórico ainda não tem nada a exportar.',
    progress: '{{phase}}: {{done}} registros…',
    bundleWritten: 'Gravado {{path}} ({{records}} registros). Pronto para abrir acima.',
    export: 'Exportar o relatório',
    renderReport: 'Preparar o relatório (Markdown)',
    download: 'Baixar o relatório',
  },
  actions: {
    role: 'Seu papel: {{role}}',
    minimumRole: 'Exige o papel {{role}} ou superior.',
    unavailable: 'O núcleo não conseguiu listar suas ações ({{message}}).',
    emptyCatalog: 'O núcleo não oferece nenhuma ação nesta sessão.',
    notAvailable:
      'Nenhuma ação pode ser executada nesta sessão (uma revisão, ou sem frota ao vivo).',
    roles: {
      viewer: 'observador',
      technician: 'técnico',
      supervisor: 'supervisor',
    },
    risks: {
      readOnly: 'somente leitura',
      disruptive: 'interrompe o serviço',
      destructive: 'destrutiva',
    },
  },
  settings: {
    theme: 'Tema',
    themes: {
      dark: 'Escuro',
      light: 'Claro',
    },
    displayAndAlerts: 'Tela e alertas',
    copyDiagnostics: 'Diagnóstico para o suporte',
    wallDisplay: 'Modo painel de parede',
    wallDisplayHelp:
      'Letras grandes, e as telas Visão geral, GPUs, Contêineres e Achados alternando a ' +
      'cada 20 segundos.',
    sound: 'Tocar um som a cada novo AVISO',
    testSound: 'Tocar o som agora',
    notifications: 'Mostrar uma notificação a cada novo AVISO',
    notificationPermission: {
      default: 'O navegador pedirá permissão quando isto for ligado.',
      granted: 'O navegador permite notificações desta página.',
      denied: 'O navegador bloqueia as notificações desta página; permita-as no navegador.',
      unsupported: 'Este navegador não mostra notificações.',
    },
    language: 'Idioma',
    languageHelp: 'O idioma da interface desta janela. Fica salvo neste computador.',
    core: 'Núcleo',
    coreUnknown: 'O núcleo ainda não respondeu.',
    version: 'Versão',
    mode: 'Modo',
    startedAt: 'Iniciado em',
    processId: 'Id do processo',
    modes: {
      desktop: 'Aplicativo desktop',
      browser: 'Modo navegador',
      test: 'Teste',
    },
    diagnostics: 'Mensagens da conexão',
    diagnosticsCount:
      '{{count}} mensagens desde que a página abriu; as mais recentes estão abaixo.',
    noProblems: 'Nenhum problema relatado desde que a página abriu.',
  },
  secrets: {
    title: 'Senhas e frases-senha',
    help:
      'O arquivo de frota nomeia uma variável de ambiente para cada senha e frase-senha de ' +
      'chave SSH. Informe-as aqui: o app as guarda no chaveiro do sistema operacional e ' +
      'inicia o núcleo com elas. Depois de informado, um segredo nunca é mostrado de novo.',
    fromEnvironment:
      'No modo navegador os segredos vêm de variáveis de ambiente ou do agente SSH: exporte ' +
      'cada variável que o arquivo de frota nomeia (passwordEnv) antes de iniciar o ' +
      'control-room serve. Nada é guardado.',
    loading: 'Lendo quais segredos o arquivo de frota pede…',
    failed: 'Não foi possível ler os segredos: {{message}}',
    noFleet: 'Nenhum arquivo de frota está sendo observado, então nenhum segredo é necessário.',
    none: 'O arquivo de frota não nomeia nenhuma senha ou frase-senha.',
    noKeychain:
      'Este computador não tem um chaveiro que o app possa usar, então nada é guardado: o que ' +
      'você informar fica na memória até o app fechar, e o app pede de novo a cada início.',
    fleetFile: 'Para o arquivo de frota {{file}}',
    usedBy: 'Usado por {{uses}}',
    channels: {
      ssh: 'SSH',
      postgres: 'PostgreSQL',
      redis: 'Redis',
      rabbitmq: 'RabbitMQ',
    },
    states: {
      stored: 'Guardado no chaveiro',
      session: 'Mantido até o app fechar',
      environment: 'Definido no ambiente em que o app foi iniciado',
      missing: 'Faltando',
    },
    value: 'Novo valor para {{variable}}',
    save: 'Salvar',
    saving: 'Salvando…',
    forget: 'Esquecer',
    stored: 'Guardado no chaveiro. O núcleo reinicia para usá-lo.',
    session:
      'Mantido na memória até o app fechar (sem chaveiro). O núcleo reinicia para usá-lo.',
    forgotten: 'Esquecido. O núcleo reinicia sem ele.',
    notStored: 'Nada estava guardado para ele.',
  },
  thresholds: {
    title: 'Limiares dos achados',
    help:
      'Cada regra do motor de achados decide com estes números. Uma alteração salva vale a ' +
      'partir da próxima avaliação e fica guardada neste computador para o próximo início. ' +
      'Abra uma regra para ver seus limiares, o que cada um significa e seu padrão.',
    loading: 'Lendo os limiares…',
    failed: 'Não foi possível ler os limiares: {{message}}',
    keptIn: 'As alterações ficam guardadas em {{file}}.',
    noEngine:
      'Esta sessão não executa o motor de achados (frota vazia ou revisão): os padrões abaixo ' +
      'valem e não podem ser alterados aqui.',
    changedCount: 'alterados: {{count}}',
    threshold: 'Limiar',
    meaning: 'O que significa',
    value: 'Valor',
    default: 'Padrão',
    reset: 'Voltar ao padrão',
    fieldLabel: '{{rule}}: {{name}} ({{unit}})',
    resetLabel: 'Voltar {{name}} de {{rule}} ao padrão',
    save: 'Salvar limiares',
    saving: 'Salvando…',
    undo: 'Desfazer minhas alterações',
    saved: 'Salvo. O motor de achados usa estes valores a partir da próxima avaliação.',
    refused: 'Não salvo:',
    notNumber: '{{rule}}, {{name}}: "{{text}}" não é um número',
    units: {
      count: 'contagem',
      fraction: 'fração',
      fractionOfPeriod: 'fração do período',
      ratio: 'razão',
      linesPerSecond: 'linhas/s',
      percentOfCore: '% de um núcleo',
      percentPerDay: '%/dia',
    },
  },
  languages: {
    en: 'English',
    'pt-BR': 'Português (Brasil)',
  },
};
