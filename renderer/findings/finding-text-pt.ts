// Brazilian Portuguese titles and details of the findings, keyed by rule id, written from the
// structured fields (finding-text.ts says how). The English sentences are in
// electron/findings/rules/*.ts; a sentence here says the same with the numbers the finding
// carries. What only the English text holds (which peer is busier, the versions, a log message
// with its source) is a declared fallback: the English is shown, marked lang="en".
import {
  container,
  duration,
  fallback,
  formatNumber,
  listWords,
  MissingField,
  node,
  num,
  raw,
  times,
  type CatalogueEntry,
  type FindingFields,
} from './finding-text-format';

/** The part of the subject after its first `/` (`vk01/ssh` -> `ssh`). */
function afterNode(finding: FindingFields): string {
  const slash = finding.subject.indexOf('/');
  if (slash < 0) throw new MissingField('subject');
  return finding.subject.slice(slash + 1);
}

/** `gpu:0` in a subject such as `vk01/gpu:0/steady`: the GPU's index. */
function gpuIndex(finding: FindingFields): string {
  const match = /\/gpu:(\w+)/.exec(finding.subject);
  if (!match) throw new MissingField('gpu');
  return match[1]!;
}

const channelLabels: Record<string, string> = {
  ssh: 'SSH',
  postgres: 'PostgreSQL',
  redis: 'Redis',
  http: 'HTTP',
  prometheus: 'Prometheus',
  rabbitmq: 'RabbitMQ',
};

function channelLabel(channel: string): string {
  return Object.hasOwn(channelLabels, channel) ? channelLabels[channel]! : channel;
}

function minutes(finding: FindingFields, name: string): string {
  return duration(raw(finding, name));
}

const channelUnreachable: CatalogueEntry = {
  title(f) {
    const [where, channel = ''] = f.subject.split('/');
    if (where === 'all-nodes' && channel === 'all-channels') {
      return 'Nenhum nó responde em nenhum canal — provavelmente nossa própria rede';
    }
    if (channel === 'all-channels') return `${where} inacessível em todos os canais`;
    if (where === 'all-nodes') {
      return `${channelLabel(channel)} inacessível em todos os ${num(f, 'nodesDown')} nós`;
    }
    return `${channelLabel(channel)} inacessível em ${where}`;
  },
  detail(f) {
    const [where, channel = ''] = f.subject.split('/');
    const since = minutes(f, 'downMinutes');
    if (where === 'all-nodes' && channel === 'all-channels') {
      return (
        `Nenhum dos ${num(f, 'nodesDown')} nós responde há ${since}; uma parada da planta ` +
        'inteira é menos provável que um problema na nossa rede, VPN ou firewall.'
      );
    }
    if (channel === 'all-channels') {
      return (
        `${where} não responde em nenhum dos seus ${num(f, 'channelsDown')} canais há ` +
        `${since}; pode estar desligado ou reiniciando.`
      );
    }
    if (where === 'all-nodes') {
      return (
        `${channelLabel(channel)} falha em ${listWords(f.nodes)} há ${since}. A mesma falha ` +
        'em todos aponta para algo compartilhado: nosso caminho de rede, uma regra de ' +
        'firewall ou as credenciais.'
      );
    }
    return (
      `${channelLabel(channel)} em ${where} falha há ${since} enquanto os outros nós ` +
      'respondem: verifique o serviço e o firewall desse nó.'
    );
  },
};

const endpointDown: CatalogueEntry = {
  title(f) {
    const name = afterNode(f);
    const status = num(f, 'status', 0);
    if (f.severity === 'WARNING') return `${node(f)} ${name} fora do ar (status ${status})`;
    if (f.containers.length > 0) {
      return `${node(f)} ${name} não responde, embora ${container(f)} esteja em execução`;
    }
    return `${node(f)} ${name} não está implantado (status ${status})`;
  },
  detail(f) {
    const what =
      `${node(f)} ${afterNode(f)} responde com status ${num(f, 'status', 0)} há ` +
      minutes(f, 'downMinutes');
    if (f.severity === 'WARNING' && f.containers.length > 0) {
      return `${what}: seu contêiner ${container(f)} parou. Reinicie-o e leia os logs.`;
    }
    if (f.severity === 'WARNING') {
      return (
        `${what}; a lista de contêineres não pôde ser lida, então não se sabe se ele falhou ` +
        'ou não está implantado.'
      );
    }
    if (f.containers.length > 0) {
      return (
        `${what} enquanto ${container(f)} está em execução: o serviço escuta em outro lugar ` +
        'ou não deve ser exposto aqui. Corrija o endpoint no arquivo da frota ou retire-o do ' +
        'monitoramento.'
      );
    }
    return (
      `${what} e nenhum contêiner com nome parecido roda em ${node(f)}: provavelmente não ` +
      'está implantado aqui. Se não for necessário, retire-o dos endpoints monitorados para ' +
      'evitar falsos alertas.'
    );
  },
};

/** `vk03/visionking-backend->10.244.70.26:4000` -> `10.244.70.26:4000`. */
function reconnectTarget(f: FindingFields): string {
  const arrow = f.subject.indexOf('->');
  if (arrow < 0) throw new MissingField('target');
  return f.subject.slice(arrow + 2);
}

const clientReconnectLoop: CatalogueEntry = {
  title: (f) => `${node(f)} ${container(f)} preso reconectando a ${reconnectTarget(f)}`,
  detail(f) {
    const period = f.numbers.periodSeconds;
    return (
      `${container(f)} em ${node(f)} falhou ao conectar a ${reconnectTarget(f)} ` +
      `${times(raw(f, 'failures'))} em ${minutes(f, 'durationMinutes')}` +
      (period === null || period === undefined ? '' : `, a cada ~${formatNumber(period)} s`) +
      `. Reinicie ${container(f)} e adicione uma lógica de reconexão resiliente.`
    );
  },
};

const repeatedDatabaseError: CatalogueEntry = {
  // The subject is `SEVERITY message`, the server's own words, quoted as they are.
  title(f) {
    const message = f.subject.slice(f.subject.indexOf(' ') + 1);
    return `"${message}" se repete no PostgreSQL de ${listWords(f.nodes)}`;
  },
  detail: fallback(
    'which container logs the same text (the likely source) and whether the nodes see it at ' +
      'the same moments are only in the English sentence',
  ),
};

const pipelineDataLoss: CatalogueEntry = {
  title(f) {
    const why = f.subject.replace(/^rejected:/, '');
    const lost = `${num(f, 'lossPct', 0)} % dos dados de inspeção perdidos`;
    return `Mensagens rejeitadas (${why}): ${lost}`;
  },
  detail(f) {
    const why = f.subject.replace(/^rejected:/, '');
    return (
      `${listWords(f.containers)} em ${listWords(f.nodes)} rejeitaram ${num(f, 'rejected', 0)} ` +
      `mensagens (~${num(f, 'perMinute')}/min) porque ${why}, contra ` +
      `${num(f, 'written', 0)} gravadas: ${num(f, 'lossPct', 0)} % dos dados se perdem. ` +
      `Encontre a etapa que deveria preencher ${why.split(' =')[0]} antes da fila do gravador.`
    );
  },
};

/** `vk01/db0/DB_Speed.Velocidade_Tratada`: the key, and the field when one is named. */
function missingWhat(f: FindingFields): string {
  const parts = f.subject.split('/');
  const name = parts.slice(2).join('/');
  const dots = name.split('.');
  if (name === '' || dots.length > 2) throw new MissingField('key');
  const [key, field] = dots;
  return field === undefined
    ? `a chave ${key} não existe`
    : `o hash ${key} não tem o campo ${field}`;
}

const missingKey: CatalogueEntry = {
  title(f) {
    const what = missingWhat(f);
    return `Redis de ${node(f)}: ${what}`;
  },
  detail: (f) =>
    `Em ${node(f)}, Redis DB${num(f, 'db', 0)}: ${missingWhat(f)} há ` +
    `${minutes(f, 'missingMinutes')}, enquanto o pipeline espera por isso. Verifique se o ` +
    'produtor grava no banco e com o nome de chave certos.',
};

const memoryLeak: CatalogueEntry = {
  title: (f) => `${node(f)} ${container(f)}: a memória cresce ${num(f, 'rateMbPerHour')} MB/h`,
  detail(f) {
    const threshold = f.numbers.thresholdMb;
    const hours = f.numbers.hoursToThreshold;
    const reach =
      threshold === null || threshold === undefined || hours === null || hours === undefined
        ? ''
        : ` Nesse ritmo alcança o limite de ${formatNumber(threshold, 0)} MB em ` +
          `~${duration(hours * 60)}.`;
    return (
      `${container(f)} em ${node(f)} cresce ${num(f, 'rateMbPerHour')} MB/h e usa ` +
      `${num(f, 'currentMb', 0)} MB agora.${reach}`
    );
  },
};

const oomKillPattern: CatalogueEntry = {
  title(f) {
    const kills = raw(f, 'kills');
    if (kills > 0) {
      return (
        `${node(f)} ${container(f)} é encerrado por falta de memória e reciclado ` +
        `(${kills}× em 24 h)`
      );
    }
    return (
      `${node(f)} ${container(f)} recicla workers silenciosamente ` +
      `(${num(f, 'silentRecycles', 0)}× em 24 h)`
    );
  },
  detail(f) {
    const { dropMb, fromMb, toMb, currentMb, limitMb } = f.numbers;
    const kills = raw(f, 'kills');
    const what =
      kills > 0
        ? `${container(f)} em ${node(f)} foi encerrado ${times(kills)} em 24 h`
        : `${container(f)} em ${node(f)} reciclou workers ` +
          `${times(raw(f, 'silentRecycles'))} em 24 h`;
    const fall =
      dropMb == null || fromMb == null || toMb == null
        ? ''
        : `; a memória caiu ${formatNumber(dropMb)} MB (${formatNumber(fromMb, 0)} → ` +
          `${formatNumber(toMb, 0)} MB)`;
    const now =
      currentMb == null || limitMb == null
        ? ''
        : ` Usa ${formatNumber(currentMb, 0)} MB agora, de um limite de ` +
          `${formatNumber(limitMb, 0)} MB.`;
    return `${what}${fall}.${now}`;
  },
};

const memoryOscillation: CatalogueEntry = {
  title: (f) =>
    `${node(f)} ${container(f)}: a memória oscila entre ${num(f, 'lowMb', 0)} e ` +
    `${num(f, 'highMb', 0)} MB`,
  detail(f) {
    const { periodMinutes, riseMbPerMinute } = f.numbers;
    return (
      `${container(f)} em ${node(f)} subiu e liberou memória ${times(raw(f, 'cycles'))}` +
      (periodMinutes == null ? '' : ` (a cada ~${duration(periodMinutes)})`) +
      ` entre ~${num(f, 'lowMb', 0)} e ~${num(f, 'highMb', 0)} MB` +
      (riseMbPerMinute == null ? '' : `, subindo ${formatNumber(riseMbPerMinute)} MB/min`) +
      '. É a sua linha de base (compactação, GC ou cache), não um vazamento.'
    );
  },
};

const gpuIdleLoaded: CatalogueEntry = {
  title: (f) =>
    `${node(f)} GPU ${gpuIndex(f)} ociosa com modelos carregados há ` +
    duration(raw(f, 'idleHours') * 60),
  detail(f) {
    const gb = f.numbers.memoryUsedGb;
    return (
      `A GPU ${gpuIndex(f)} de ${node(f)} mantém ${num(f, 'memoryUsedPct')} % da memória ` +
      `ocupada${gb == null ? '' : ` (${formatNumber(gb)} GB)`} com 0 % de utilização há ` +
      `${duration(raw(f, 'idleHours') * 60)}. Os modelos estão carregados, mas sem uso; se a ` +
      'linha continuar parada, descarregue-os para liberar a memória e poupar a GPU, e ' +
      'recarregue-os antes do próximo turno.'
    );
  },
};

const gpuTelemetryLost: CatalogueEntry = {
  title(f) {
    if (f.subject.endsWith('/recovered')) {
      return `${node(f)} GPU ${gpuIndex(f)}: telemetria recuperada`;
    }
    return `${node(f)} GPU ${gpuIndex(f)}: telemetria perdida há ${minutes(f, 'lostMinutes')}`;
  },
  detail(f) {
    const { utilizationPct, temperatureC, memoryUsedPct } = f.numbers;
    if (f.subject.endsWith('/recovered')) {
      return (
        `A GPU ${gpuIndex(f)} de ${node(f)} voltou a informar após ` +
        `${minutes(f, 'lostMinutes')} sem leituras` +
        (temperatureC == null ? '' : `: agora ${formatNumber(temperatureC)} °C`) +
        (memoryUsedPct == null ? '' : `, ${formatNumber(memoryUsedPct)} % de memória`) +
        '. Recuperou-se sem intervenção, o que indica um problema intermitente do exportador ' +
        'ou do driver que vale acompanhar.'
      );
    }
    return (
      `A GPU ${gpuIndex(f)} de ${node(f)} deixou de informar leituras há ` +
      minutes(f, 'lostMinutes') +
      (utilizationPct == null
        ? ''
        : `, enquanto a utilização ainda marca ${formatNumber(utilizationPct)} %`) +
      ': o exportador ou o driver perdeu a GPU. Verifique os logs do exportador e rode ' +
      'nvidia-smi no host antes do próximo turno; uma falha de driver pode exigir ' +
      'reinicialização.'
    );
  },
};

/** The other node of a steady-GPU finding: the one whose GPU cycles. */
function cyclingPeer(f: FindingFields): string {
  return listWords(f.nodes.filter((name) => name !== f.subject.split('/')[0]));
}

const gpuThermalCycling: CatalogueEntry = {
  title(f) {
    const where = `${f.subject.split('/')[0]} GPU ${gpuIndex(f)}`;
    if (f.subject.endsWith('/steady')) {
      return (
        `${where} estável em ${num(f, 'lowC', 0)}–${num(f, 'highC', 0)} °C — sem ciclagem ` +
        `térmica, ao contrário de ${cyclingPeer(f)}`
      );
    }
    return (
      `${where}: ciclagem térmica — ${num(f, 'swingC', 0)} °C em ` +
      `${minutes(f, 'swingMinutes')} em repouso`
    );
  },
  detail(f) {
    const gpu = `A GPU ${gpuIndex(f)} de ${f.subject.split('/')[0]}`;
    const usage = `${num(f, 'utilizationPct', 0)} % de utilização`;
    if (f.subject.endsWith('/steady')) {
      const peer = cyclingPeer(f);
      return (
        `${gpu} variou só ${num(f, 'rangeC', 0)} °C (${num(f, 'lowC', 0)}–` +
        `${num(f, 'highC', 0)} °C) com ${usage}, enquanto ${peer} oscila ` +
        `${num(f, 'peerSwingC', 0)} °C no mesmo repouso. A ciclagem é própria de ${peer}: ` +
        'compare as velocidades dos ventiladores entre os nós e verifique a curva, o ' +
        `ventilador e a pasta térmica de ${peer}.`
      );
    }
    return (
      `${gpu} variou ${num(f, 'swingC', 0)} °C em ${minutes(f, 'swingMinutes')} com ${usage}; ` +
      `${num(f, 'cycles', 0)} ciclo(s) completo(s) entre ${num(f, 'lowC', 0)} e ` +
      `${num(f, 'highC', 0)} °C. Uma histerese larga do ventilador é a causa usual: defina ` +
      'uma velocidade mínima do ventilador para manter a temperatura estável.'
    );
  },
};

const clockDrift: CatalogueEntry = {
  title: (f) => `Problema de sincronização de relógio em ${node(f)}`,
  detail(f) {
    const { skewedLines, maxSkewHours, offsetSeconds } = f.numbers;
    const parts: string[] = [];
    if (skewedLines != null && skewedLines > 0) {
      const ahead = maxSkewHours == null ? '' : ` até ${formatNumber(maxSkewHours)} h adiantados`;
      parts.push(`${formatNumber(skewedLines, 0)} linha(s) de log com carimbos${ahead}`);
    }
    if (offsetSeconds != null) parts.push(`o relógio está ${formatNumber(offsetSeconds)} s fora`);
    // With neither, the rule fired on the node's own report that NTP is not synchronized.
    if (parts.length === 0) parts.push('o NTP não está sincronizado');
    return (
      `Em ${node(f)}: ${parts.join('; ')}. Os carimbos de tempo são evidência para a ` +
      'rastreabilidade de defeitos: verifique o timedatectl e o estado de sincronização do NTP.'
    );
  },
};

const containerCrashLoop: CatalogueEntry = {
  title(f) {
    if (f.subject.endsWith('/vanished')) {
      return `${container(f)} foi removido de ${node(f)} entre snapshots`;
    }
    return `${node(f)} ${container(f)} reinicia em ciclo (${num(f, 'restarts', 0)} reinícios)`;
  },
  detail(f) {
    if (f.subject.endsWith('/vanished')) {
      return (
        `${container(f)} estava listado em ${node(f)} e sumiu. Se foi removido de propósito, ` +
        'confira se também saiu do arquivo do Compose, para não voltar no próximo boot; ' +
        'senão, ' +
        'descubra quem o removeu.'
      );
    }
    const { exitCode, restartCount } = f.numbers;
    const facts = [
      ...(exitCode == null ? [] : [`último código de saída ${formatNumber(exitCode, 0)}`]),
      ...(restartCount == null ? [] : [`${formatNumber(restartCount, 0)} reinícios ao todo`]),
    ];
    return (
      `${container(f)} em ${node(f)} reiniciou ${times(raw(f, 'restarts'))} na janela ` +
      `observada${facts.length > 0 ? ` (${facts.join(', ')})` : ''}. Se não for necessário ` +
      'neste nó, remova-o e tire-o do arquivo do Compose.'
    );
  },
};

const logVolume: CatalogueEntry = {
  title: (f) =>
    `${node(f)} ${container(f)} registra ~${num(f, 'linesPerSecond', 0)} linhas/s, ` +
    `~${num(f, 'warningPerSecond', 0)} delas WARNING`,
  detail: (f) =>
    `${container(f)} em ${node(f)} escreve ~${num(f, 'linesPerSecond', 0)} linhas/s, ` +
    `~${num(f, 'warningPerSecond', 0)} delas WARNING, com ${num(f, 'distinctWarnings', 0)} ` +
    'mensagens WARNING distintas. Se forem o fluxo normal de operação, reclassifique-as como ' +
    'DEBUG e deixe WARNING para anomalias; senão, reduza o nível de log ou amostre as mensagens.',
};

function layerSize(f: FindingFields): string {
  return raw(f, 'sizeGb') >= 1 ? `${num(f, 'sizeGb', 2)} GB` : `${num(f, 'sizeMb', 0)} MB`;
}

const diskGrowth: CatalogueEntry = {
  title(f) {
    const part = afterNode(f);
    if (part.startsWith('disk:')) {
      return `${node(f)} disco ${part.slice(5)} com ${num(f, 'usedPct', 0)} % de uso`;
    }
    return `${node(f)} ${container(f)}: camada gravável com ${layerSize(f)}`;
  },
  detail(f) {
    const part = afterNode(f);
    const growth = f.numbers.growthMbPerHour;
    const growing = growth != null && growth > 0 ? `, crescendo ${formatNumber(growth)} MB/h` : '';
    if (part.startsWith('disk:')) {
      const days = f.numbers.daysToFull;
      return (
        `${part.slice(5)} em ${node(f)} está com ${num(f, 'usedPct', 0)} % de uso${growing}` +
        (days == null ? '' : `; cheio em ~${duration(days * 24 * 60)} nesse ritmo`) +
        '. Descubra o que cresce (logs, imagens, arquivos de banco) e limpe ou adicione ' +
        'retenção.'
      );
    }
    return (
      `${container(f)} em ${node(f)} guarda ${layerSize(f)} na camada gravável${growing}: ` +
      'grava arquivos dentro do contêiner em vez de um volume montado (temporários, logs, ' +
      'WAL). Monte um volume para eles ou limpe periodicamente; uma camada grande deixa ' +
      'lentas a recriação e a migração do contêiner.'
    );
  },
};

const toolLabels: Record<string, string> = {
  compose: 'o Docker Compose',
  docker: 'o Docker Engine',
};

const versionDrift: CatalogueEntry = {
  title(f) {
    if (f.subject.startsWith('image:')) {
      return `Versões diferentes de ${f.subject.slice(6)} entre ${listWords(f.nodes)}`;
    }
    const label = Object.hasOwn(toolLabels, f.subject) ? toolLabels[f.subject] : undefined;
    if (!label) throw new MissingField('tool');
    return `Padronize ${label} entre os nós`;
  },
  detail: fallback('the versions each node runs are only in the English sentence'),
};

const asymmetricDeployment: CatalogueEntry = {
  title: (f) => `${listWords(f.nodes)} são pares, mas rodam serviços diferentes`,
  detail: (f) =>
    `Entre os nós pares ${listWords(f.nodes)}, ${num(f, 'servicesOnOneNode', 0)} serviço(s) ` +
    `rodam em um só deles: ${listWords(f.containers)}. Eles não são intercambiáveis: se esse ` +
    'nó cair, esses serviços se perdem sem redundância. Documente a assimetria e considere ' +
    'espelhar os serviços críticos.',
};

const coldState: CatalogueEntry = {
  title: (f) =>
    `Todos os bancos Redis vazios em ${listWords(f.nodes)} (${num(f, 'databases', 0)} bancos)`,
  detail: (f) =>
    `Todos os ${num(f, 'databases', 0)} bancos Redis de ${listWords(f.nodes)} estão com 0 ` +
    'chaves. É esperado com a linha parada, mas nenhum estado sobrevive entre sessões de ' +
    'produção: configurações das câmeras, estado do CLP e ajustes precisam ser repovoados ' +
    'num ' +
    'início a frio. Verifique se a inicialização lida com um Redis vazio.',
};

/** The newest boot's node, from `newest-boot:vk02`. */
function rebootedNode(f: FindingFields): string {
  if (!f.subject.startsWith('newest-boot:')) throw new MissingField('subject');
  return f.subject.slice('newest-boot:'.length);
}

const recentReboot: CatalogueEntry = {
  title(f) {
    const hours = raw(f, 'uptimeHours');
    // A negative uptime is a clock problem the English sentence shows as it is.
    if (hours < 0) throw new MissingField('uptimeHours');
    return `${rebootedNode(f)} reiniciou recentemente (ativo há ${duration(hours * 60)})`;
  },
  detail(f) {
    const rebooted = rebootedNode(f);
    const uptimes = Object.entries(f.numbers).flatMap(([name, value]) => {
      const match = /^(.+)UptimeHours$/.exec(name);
      return match && value != null ? [`${match[1]} ${formatNumber(value)} h`] : [];
    });
    if (uptimes.some((text) => text.includes('-'))) throw new MissingField('uptimeHours');
    const staggered =
      f.nodes.length > 1
        ? ' As reinicializações são escalonadas, o que é bom para a disponibilidade, mas os'
        : ' Os';
    return (
      `Tempos de atividade: ${uptimes.join(', ')}.${staggered} serviços de ${rebooted} ` +
      'tiveram menos tempo para se estabilizar: acompanhe-os durante o primeiro turno de ' +
      'produção.'
    );
  },
};

const cpuDisparity: CatalogueEntry = {
  title: (f) =>
    `${container(f)} usa ${num(f, 'ratio')}× mais CPU em um nó do que no outro ` +
    `(${listWords(f.nodes)})`,
  detail: fallback('which node is the busier one is only in the English sentence'),
};

const producerConsumerRace: CatalogueEntry = {
  title: (f) =>
    `${container(f)} em ${node(f)}: corrida entre gravar e notificar ` +
    `(${num(f, 'producers', 0)} produtor(es))`,
  detail(f) {
    const period = f.numbers.periodSeconds;
    return (
      `${container(f)} em ${node(f)} registrou ${times(raw(f, 'occurrences'))} que um arquivo ` +
      `anunciado estava vazio, para ${num(f, 'producers', 0)} produtor(es)` +
      (period == null ? '' : `, cada um a cada ~${formatNumber(period)} s`) +
      '. As novas tentativas dão conta, mas o padrão é sistemático: o produtor anuncia o ' +
      'arquivo antes de gravá-lo em disco. Faça flush (fsync) antes de publicar ou sinalize ' +
      'a conclusão.'
    );
  },
};

const nodeDark: CatalogueEntry = {
  title: (f) =>
    `${node(f)} está totalmente apagado — acessível na rede, mas sem nenhum contêiner rodando`,
  detail(f) {
    const before = f.numbers.containersBefore;
    return (
      `${node(f)} responde em ${num(f, 'channelsUp', 0)} canal(is), mas lista 0 contêineres ` +
      `em execução há ${minutes(f, 'darkMinutes')}` +
      (before == null ? '' : ` (rodava ${formatNumber(before, 0)} antes)`) +
      `; a implantação depende dos outros nós, sem redundância para o que ${node(f)} rodava.`
    );
  },
};

/** `vk03/database:visionking` -> `visionking`; null for an unreadable series' subject. */
function blindDatabase(f: FindingFields): string | null {
  const part = f.subject.includes('/') ? afterNode(f) : '';
  return part.startsWith('database:') ? part.slice('database:'.length) : null;
}

/** An unreadable series' key `node|subject|metric`. */
function blindSeries(f: FindingFields): { node: string; subject: string; metric: string } {
  const [seriesNode, subject, metric] = f.subject.split('|');
  if (!seriesNode || !subject || !metric) throw new MissingField('subject');
  return { node: seriesNode, subject, metric };
}

const monitoringBlindSpot: CatalogueEntry = {
  title(f) {
    const database = blindDatabase(f);
    if (database !== null) return `${node(f)}: o tamanho do banco ${database} marca 0 bytes`;
    const series = blindSeries(f);
    return `${series.node} ${series.subject} ${series.metric} não pode ser lido`;
  },
  detail(f) {
    const database = blindDatabase(f);
    if (database !== null) {
      const connections = f.numbers.connections;
      return (
        `O tamanho de ${database} em ${node(f)} marca 0 bytes` +
        (connections == null ? '' : ` com ${formatNumber(connections, 0)} conexões`) +
        '. Um banco PostgreSQL real nunca tem 0 bytes em disco (mesmo vazio guarda seu ' +
        'catálogo): a sonda consulta o banco errado ou não tem o privilégio. Verifique ' +
        'pg_database_size(current_database()) diretamente.'
      );
    }
    const series = blindSeries(f);
    return (
      `Há ${minutes(f, 'unreadMinutes')} toda leitura de ${series.metric} de ` +
      `${series.subject} em ${series.node} volta num formato que a sonda não entende: é um ` +
      'ponto cego, não um zero saudável. Verifique a versão e a saída da ferramenta nesse nó.'
    );
  },
};

const resourcePressure: CatalogueEntry = {
  title: (f) => `${node(f)}: pressão de memória: ${listWords(f.containers)}`,
  detail(f) {
    const available = f.numbers.availablePct;
    return (
      `Em ${node(f)}, ${listWords(f.containers)} juntos ocupam ${num(f, 'topTwoGb')} GB, ` +
      `${num(f, 'sharePct', 0)} % da memória do host` +
      (available == null ? '' : `; ${formatNumber(available, 0)} % disponível`) +
      '. Fique atento à pressão de falta de memória durante o turno; limite os buffers do ' +
      'banco ou mova um consumidor se algum deles crescer.'
    );
  },
};

const ruleFault: CatalogueEntry = {
  title: (f) => `A regra ${f.subject} não pôde ser avaliada`,
  detail: (f) =>
    `A regra ${f.subject} falhou; seus achados ficam como estavam até ela rodar de novo (a ` +
    'mensagem de erro está na evidência). É uma falha do Control Room, não da planta.',
};

export const ptBRFindingText: Readonly<Record<string, CatalogueEntry>> = {
  'channel-unreachable': channelUnreachable,
  'endpoint-down': endpointDown,
  'client-reconnect-loop': clientReconnectLoop,
  'repeated-database-error': repeatedDatabaseError,
  'pipeline-data-loss': pipelineDataLoss,
  'missing-key': missingKey,
  'memory-leak': memoryLeak,
  'oom-kill-pattern': oomKillPattern,
  'memory-oscillation': memoryOscillation,
  'gpu-idle-loaded': gpuIdleLoaded,
  'gpu-telemetry-lost': gpuTelemetryLost,
  'gpu-thermal-cycling': gpuThermalCycling,
  'clock-drift': clockDrift,
  'container-crash-loop': containerCrashLoop,
  'log-volume': logVolume,
  'disk-growth': diskGrowth,
  'version-drift': versionDrift,
  'asymmetric-deployment': asymmetricDeployment,
  'cold-state': coldState,
  'recent-reboot': recentReboot,
  'cpu-disparity': cpuDisparity,
  'producer-consumer-race': producerConsumerRace,
  'node-dark': nodeDark,
  'monitoring-blind-spot': monitoringBlindSpot,
  'resource-pressure': resourcePressure,
  'engine.rule-fault': ruleFault,
};
