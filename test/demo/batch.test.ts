// The demo reads the collector's batch script back into sections and argv, and answers in the
// framing `splitBatch` expects: whatever the collector sends, the names and arguments survive.
import { describe, expect, it } from 'vitest';
import { fastCommands, slowCommands } from '../../electron/collect/ssh-sections';
import { parseBatchScript, sectionOutput, tokenizeShell } from '../../electron/demo/batch';
import { batchScript, splitBatch, type RemoteCommand } from '../../electron/transport/ssh-command';

describe('the batch script reader', () => {
  it('undoes the shell quoting of every argument', () => {
    expect(tokenizeShell(`printf '%s\\n' 'it'\\''s' "a \\"b\\" \\$c" plain\nnext; third`)).toEqual([
      ['printf', '%s\\n', "it's", 'a "b" $c', 'plain'],
      ['next'],
      ['third'],
    ]);
  });

  it('reads back every section of the fast and slow tiers, argv intact', () => {
    const commands = new Map<string, RemoteCommand>([
      ...fastCommands('/sys/fs/cgroup'),
      ...slowCommands({
        containerIds: ['a'.repeat(64)],
        logCursors: new Map([['database-server', '2026-02-19T03:01:00.412113507Z']]),
      }),
    ]);
    const sections = parseBatchScript(batchScript(commands));
    expect(sections).toEqual(
      [...commands].map(([name, command]) => ({ name, argv: command.argv })),
    );
  });

  it('frames outputs the way splitBatch splits them, exit codes included', () => {
    const output =
      sectionOutput('uptime', '6846.12 40123.50\n', 0) +
      sectionOutput('gpus', 'bash: line 1: nvidia-smi: command not found\n', 127);
    expect(splitBatch(output)).toEqual([
      { name: 'uptime', stdout: '6846.12 40123.50\n', exitCode: 0 },
      { name: 'gpus', stdout: 'bash: line 1: nvidia-smi: command not found\n', exitCode: 127 },
    ]);
  });
});
