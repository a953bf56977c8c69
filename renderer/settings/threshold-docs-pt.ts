// What each threshold means, in Brazilian Portuguese, keyed `ruleId/name` (the core sends the
// English, declared beside each threshold in electron/findings/rules/*.ts). A threshold missing
// here is shown in English, marked lang="en"; test/renderer/settings/threshold-docs.test.ts
// lists the missing ones.
export const ptBRThresholdDocs: Readonly<Record<string, string>> = {
  'channel-unreachable/minDownMinutes':
    'O canal precisa estar fora em todas as leituras por este tempo; uma leitura com falha ' +
    'não é uma queda.',
  'endpoint-down/minDownMinutes':
    'O endpoint precisa falhar (status 0 ou 5xx) em todas as leituras por este tempo.',
  'client-reconnect-loop/minFailures': 'Falhas na sequência ininterrupta.',
  'client-reconnect-loop/minMinutes': 'Quanto tempo a sequência precisa durar.',
  'client-reconnect-loop/maxGapMinutes': 'Um silêncio maior entre falhas encerra a sequência.',
  'client-reconnect-loop/recentMinutes':
    'A falha mais recente precisa ser ao menos tão recente para o ciclo seguir em curso.',
  'repeated-database-error/windowMinutes': 'Até quando, no passado, as ocorrências contam.',
  'repeated-database-error/minOccurrences':
    'Ocorrências num nó dentro da janela para o erro contar como repetido.',
  'repeated-database-error/syncFraction':
    'Diferença de fase abaixo da qual dois nós veem o erro nos mesmos momentos.',
  'pipeline-data-loss/windowMinutes': 'A janela em que as rejeições são contadas.',
  'pipeline-data-loss/minRejections': 'Rejeições com a mesma causa dentro da janela.',
  'missing-key/minMinutes': 'Precisa estar ausente em todas as leituras por este tempo.',
  'memory-leak/minRateMbPerHour': 'O menor crescimento relatado (MiB por hora).',
  'memory-leak/minGrowthPctPerDay':
    'O menor crescimento relatado em relação ao tamanho atual (um cache grande cresce devagar).',
  'memory-leak/minSpanMinutes': 'O trecho desde a última queda precisa durar este tempo.',
  'memory-leak/minReadings': 'Leituras com valor nesse trecho.',
  'memory-leak/trendOverNoise':
    'O crescimento no trecho precisa passar deste múltiplo da dispersão (MAD) em torno do ' +
    'ajuste.',
  'memory-leak/warningHours':
    'AVISO quando o limite está mais perto do que isto; INFORMAÇÃO caso contrário.',
  'oom-kill-pattern/dropFraction':
    'Uma queda de memória maior que esta (em até 3 min, ou entre duas leituras) é um ' +
    'possível encerramento.',
  'oom-kill-pattern/recycleDropFraction':
    'Num contêiner gunicorn, uma queda maior que esta sem reinício, sinal OOMKilled nem linha ' +
    'de encerramento é um worker reciclado em silêncio.',
  'oom-kill-pattern/warningKills': 'Encerramentos em 24 h que tornam o achado um AVISO.',
  'memory-oscillation/lookbackHours': 'Até quando, para trás, as quedas são contadas.',
  'memory-oscillation/minDropPct':
    'Uma queda (em uma ou várias leituras, sem reinício perto) de pelo menos esta parcela.',
  'memory-oscillation/minCycles': 'Quedas necessárias para chamar de ciclo.',
  'memory-oscillation/marginPct':
    'Quanto acima do pico usual a frase manda começar a se preocupar.',
  'gpu-idle-loaded/maxUtilizationPct': 'Utilização igual ou abaixo disto é ociosidade.',
  'gpu-idle-loaded/minMemoryPct':
    'Uso mediano de memória em ociosidade igual ou acima disto indica modelos carregados.',
  'gpu-idle-loaded/minIdleMinutes': 'Quanto tempo precisa ter ficado ociosa.',
  'gpu-telemetry-lost/minLostMinutes':
    'As leituras precisam estar perdidas (indisponíveis, com erro ou ilegíveis, não SSH fora) ' +
    'por este tempo.',
  'gpu-telemetry-lost/recoveredHours':
    'Por quanto tempo uma recuperação segue relatada depois que a telemetria volta.',
  'gpu-thermal-cycling/minSwingC': 'A menor subida ou descida dentro da janela.',
  'gpu-thermal-cycling/windowMinutes': 'A variação precisa acontecer dentro desta janela.',
  'gpu-thermal-cycling/maxUtilizationPct':
    'Só em repouso: sob carga, a temperatura acompanha o trabalho.',
  'gpu-thermal-cycling/lookbackHours': 'Até quando, para trás, variações e ciclos são lidos.',
  'clock-drift/maxSkewMinutes':
    'Uma linha cujo carimbo fica a esta distância do carimbo do Docker (após o fuso do nó) ' +
    'está desviada.',
  'clock-drift/maxOffsetSeconds': 'Uma diferença de relógio medida de pelo menos este tamanho.',
  'clock-drift/lookbackHours': 'Até quando, para trás, as linhas são verificadas.',
  'container-crash-loop/minRestarts': 'Reinícios dentro da janela que formam um ciclo.',
  'container-crash-loop/windowMinutes': 'A janela em que os reinícios são contados.',
  'container-crash-loop/vanishedLookbackMinutes':
    'Um contêiner listado dentro deste tempo e ausente agora desapareceu.',
  'container-crash-loop/minAbsentMinutes':
    'Precisa estar ausente por este tempo (uma recriação é mais rápida).',
  'log-volume/windowMinutes': 'A janela em que as taxas são medidas.',
  'log-volume/maxWarningPerSecond':
    'Linhas WARNING por segundo acima das quais o nível está mal usado.',
  'log-volume/maxDistinctWarnings':
    'No máximo este número de mensagens WARNING distintas: um fluxo fixo, não anomalias.',
  'log-volume/maxLinesPerSecond': 'Qualquer nível, linhas por segundo.',
  'disk-growth/minLayerMb': 'Uma camada gravável de pelo menos este tamanho (MB decimais).',
  'disk-growth/minGrowthMbPerHour': 'Crescimento que vale citar na frase.',
  'disk-growth/minSpanMinutes': 'As leituras precisam cobrir este tempo para uma taxa.',
  'disk-growth/diskUsedPct': 'Um sistema de arquivos pelo menos tão cheio.',
  'disk-growth/minDiskGb': 'Sistemas de arquivos menores (/boot, tmpfs) são ignorados.',
  'disk-growth/warningDays': 'AVISO quando fica cheio antes disto.',
  'asymmetric-deployment/minOverlap':
    'Nós que compartilham pelo menos esta parcela dos contêineres em execução (Jaccard) são ' +
    'pares.',
  'asymmetric-deployment/minMinutes':
    'Um contêiner precisa faltar num par em todas as leituras legíveis por este tempo.',
  'cold-state/minMinutes': 'Todos os bancos precisam ter ficado vazios por este tempo.',
  'recent-reboot/recentHours': 'Um nó ativo há menos do que isto reiniciou recentemente.',
  'cpu-disparity/windowMinutes': 'As medianas são tomadas nesta janela.',
  'cpu-disparity/minReadings': 'Leituras com valor necessárias de cada lado.',
  'cpu-disparity/minRatio': 'Quantas vezes o maior precisa ser o menor.',
  'cpu-disparity/minHighPct':
    'O maior precisa usar pelo menos isto (números minúsculos dão razões grandes).',
  'producer-consumer-race/windowMinutes': 'A janela em que as ocorrências são contadas.',
  'producer-consumer-race/minOccurrences': 'Ocorrências num contêiner dentro da janela.',
  'node-dark/minDarkMinutes':
    'Apagado em todas as leituras por este tempo (os contêineres sobem alguns segundos após ' +
    'o boot).',
  'monitoring-blind-spot/minUnparsedMinutes':
    'Uma série ilegível em todas as leituras por este tempo é um ponto cego.',
  'resource-pressure/topTwoPct':
    'Os dois contêineres mais pesados juntos ocupam pelo menos esta parcela da memória do host.',
  'resource-pressure/minAvailablePct':
    'Memória disponível abaixo desta parcela torna o achado um AVISO.',
};
