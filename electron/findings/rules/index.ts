// The rule table: every rule the engine runs, in the order the report lists simultaneous findings.
// B2 (issue #6, rules) adds one import and one entry per rule here.
import type { Rule } from '../types';
import { channelUnreachableRule } from './channel-unreachable';
import { clientReconnectLoopRule } from './client-reconnect-loop';
import { clockDriftRule } from './clock-drift';
import { containerCrashLoopRule } from './container-crash-loop';
import { diskGrowthRule } from './disk-growth';
import { endpointDownRule } from './endpoint-down';
import { gpuIdleLoadedRule } from './gpu-idle-loaded';
import { gpuTelemetryLostRule } from './gpu-telemetry-lost';
import { gpuThermalCyclingRule } from './gpu-thermal-cycling';
import { logVolumeRule } from './log-volume';
import { memoryLeakRule } from './memory-leak';
import { memoryOscillationRule } from './memory-oscillation';
import { nodeDarkRule } from './node-dark';
import { oomKillPatternRule } from './oom-kill-pattern';
import { repeatedDatabaseErrorRule } from './repeated-database-error';
import { versionDriftRule } from './version-drift';

export const rules: readonly Rule[] = [
  channelUnreachableRule,
  endpointDownRule,
  clientReconnectLoopRule,
  repeatedDatabaseErrorRule,
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
  nodeDarkRule,
];
