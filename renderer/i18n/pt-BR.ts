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
    containersRunning: '{{running}} de {{total}} em execução',
    gpus: 'GPUs',
    gpuTemperatureMax: 'GPU mais quente',
    noReading: 'sem leitura',
    reasons: {
      waiting: 'Nada foi coletado deste nó ainda.',
      noGpus: 'Este nó não tem GPU.',
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
  settings: {
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
  languages: {
    en: 'English',
    'pt-BR': 'Português (Brasil)',
  },
};
