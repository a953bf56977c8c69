// Remote commands are argv arrays; this is the only place they become shell text, and every
// argument is single-quoted, so no value can change what the remote shell runs.

/** One command to run on a node: the program and its arguments, never a shell fragment. */
export interface RemoteCommand {
  argv: readonly string[];
}

/** Quotes one argument for a POSIX shell: `it's` → `'it'\''s'`. */
export function shellQuote(argument: string): string {
  if (argument.includes('\0')) throw new Error('a command argument contains a NUL byte');
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(argument)) return argument;
  return `'${argument.replaceAll("'", "'\\''")}'`;
}

export function commandText(command: RemoteCommand): string {
  if (command.argv.length === 0) throw new Error('an empty command');
  return command.argv.map(shellQuote).join(' ');
}

/** Marks the start of each command's output in a batch; unlikely in real output. */
export const SECTION_MARK = '@@vk-control-room-section';

export interface BatchSection {
  name: string;
  stdout: string;
  exitCode: number | null;
}

/**
 * Many commands in one exec, so a tick costs one SSH round trip per node. Each command's
 * output (stdout and stderr together) sits between a begin mark and an end mark with its status.
 */
export function batchScript(commands: ReadonlyMap<string, RemoteCommand>): string {
  const parts: string[] = [];
  for (const [name, command] of commands) {
    if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name)) throw new Error(`bad batch section name ${name}`);
    parts.push(`printf '\\n%s begin %s\\n' ${SECTION_MARK} ${name}`);
    parts.push(`${commandText(command)} 2>&1 </dev/null`);
    parts.push(`printf '\\n%s end %s %s\\n' ${SECTION_MARK} ${name} "$?"`);
  }
  return parts.join('\n');
}

/** Splits a batch's output back into its sections; a section cut short has a null exit code. */
export function splitBatch(output: string): BatchSection[] {
  const begins = [...output.matchAll(new RegExp(`(?:^|\\n)${SECTION_MARK} begin (\\S+)\\n`, 'g'))];
  return begins.map((begin, index) => {
    const name = begin[1] ?? '';
    const start = (begin.index ?? 0) + begin[0].length;
    const limit = begins[index + 1]?.index ?? output.length;
    const endMark = `\n${SECTION_MARK} end ${name} `;
    const end = output.indexOf(endMark, start);
    if (end === -1 || end > limit)
      return { name, stdout: output.slice(start, limit), exitCode: null };
    const status = /^(\d+)/.exec(output.slice(end + endMark.length));
    return { name, stdout: output.slice(start, end), exitCode: status ? Number(status[1]) : null };
  });
}
