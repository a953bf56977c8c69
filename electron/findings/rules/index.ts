// The rule table: every rule the engine runs, in the order the report lists simultaneous findings.
// One rule per finding class of DESIGN.md section 5 (test/findings/rules/index.test.ts checks it).
import type { Rule } from '../types';
import { asymmetricDeploymentRule } from './asymmetric-deployment';
import { channelUnreachableRule } from './channel-unreachable';
import { clientReconnectLoopRule } from './client-reconnect-loop';
import { clockDriftRule } from './clock-drift';
import { coldStateRule } from './cold-state';
import { containerCrashLoopRule } from './container-crash-loop';
import { cpuDisparityRule } from './cpu-disparity';
import { diskGrowthRule } from './disk-growth';
import { endpointDownRule } from './endpoint-down';
import { gpuIdleLoadedRule } from './gpu-idle-loaded';
import { gpuTelemetryLostRule } from './gpu-telemetry-lost';
import { gpuThermalCyclingRule } from './gpu-thermal-cycling';
import { logVolumeRule } from './log-volume';
import { memoryLeakRule } from './memory-leak';
import { memoryOscillationRule } from './memory-oscillation';
import { missingKeyRule } from './missing-key';
import { monitoringBlindSpotRule } from './monitoring-blind-spot';
import { nodeDarkRule } from './node-dark';
import { oomKillPatternRule } from './oom-kill-pattern';
import { pipelineDataLossRule } from './pipeline-data-loss';
import { producerConsumerRaceRule } from './producer-consumer-race';
import { recentRebootRule } from './recent-reboot';
import { repeatedDatabaseErrorRule } from './repeated-database-error';
import { resourcePressureRule } from './resource-pressure';
import { versionDriftRule } from './version-drift';

export const rules: readonly Rule[] = [
  channelUnreachableRule,
  endpointDownRule,
  clientReconnectLoopRule,
  repeatedDatabaseErrorRule,
  pipelineDataLossRule,
  missingKeyRule,
  memoryLeakRule,
  oomKillPatternRule,
  memoryOscillationRule,
  gpuIdleLoadedRule,
  gpuTelemetryLostRule,
  gpuThermalCyclingRule,
  clockDriftRule,
  containerCrashLoopRule,
  logVolumeRule,
  diskGrowthRule,
  versionDriftRule,
  asymmetricDeploymentRule,
  coldStateRule,
  recentRebootRule,
  cpuDisparityRule,
  producerConsumerRaceRule,
  nodeDarkRule,
  monitoringBlindSpotRule,
  resourcePressureRule,
];
