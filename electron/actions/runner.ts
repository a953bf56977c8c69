// Carries out a prepared action: runs its steps in order over the node's transports, streams
// what they print, stops at the first failure or at a cancel, then runs the post-check (polling
// the node until it holds or its time runs out) and sums it all up as a result.
// An SSH step's output is passed on as the node prints it, and a cancel kills the command on the
// node (the transport signals it and closes its channel); a database query already sent is
// abandoned, not stopped, and its answer is dropped.
import type {
  ActionResult,
  PostCheckResult,
  RunStatus,
  StepResult,
} from '../../shared/api/requests-actions';
import type { PostgresTransport, RedisTransport, SshTransport } from '../collect/channels';
import { redactText } from '../log';
import { parseDockerInspect, type DockerInspectEntry } from '../probes/docker';
import { parseTimedatectlShow } from '../probes/time-sync';
import { commandText } from '../transport/ssh-command';
import type { PostCheck, Step } from './catalog';
import { stepText } from './catalog-view';
import type { PreparedAction } from './prepare';
import { actionSummary, type StepOutput } from './summaries';

export interface RunTransports {
  ssh: SshTransport | null;
  postgres: PostgresTransport | null;
  redis: RedisTransport | null;
}

export type OutputStream = 'stdout' | 'stderr' | 'info';

export interface RunnerOptions {
  transportsFor(node: string): RunTransports;
  /** Between two post-check polls; default 2 s. */
  pollMs?: number;
  /** Multiplies every post-check's time (tests make them short); default 1. */
  postCheckTimeScale?: number;
  now?: () => Date;
}

export interface RunRecord {
  result: Omit<ActionResult, 'runId' | 'auditId' | 'outputDigest'>;
  /** Everything the run printed, in order, for the digest. */
  transcript: string;
}

/** Most output one run passes on; beyond it the rest is counted, not sent. */
const MAX_RUN_OUTPUT_BYTES = 2 * 1024 * 1024;
const EVENT_CHUNK_CHARS = 64 * 1024;

class Output {
  private bytes = 0;
  private dropped = 0;
  transcript = '';
  /** What the current step printed (stdout and stderr), for the summaries. */
  stepText = '';

  constructor(private readonly emit: (stream: OutputStream, text: string) => void) {}

  write(stream: OutputStream, raw: string): void {
    if (raw === '') return;
    const text = redactText(raw);
    const room = MAX_RUN_OUTPUT_BYTES - this.bytes;
    const kept = Buffer.byteLength(text) <= room ? text : text.slice(0, Math.max(0, room));
    this.dropped += text.length - kept.length;
    this.bytes += Buffer.byteLength(kept);
    this.transcript += kept;
    if (stream !== 'info') this.stepText += kept;
    for (let start = 0; start < kept.length; start += EVENT_CHUNK_CHARS) {
      this.emit(stream, kept.slice(start, start + EVENT_CHUNK_CHARS));
    }
  }

  info(line: string): void {
    this.write('info', `${line}\n`);
  }

  finish(): void {
    if (this.dropped > 0) this.emit('info', `(${this.dropped} more characters not shown)\n`);
  }
}

type StepOutcome = { exitCode: number | null; error: string | null; durationMs: number };

const cancelled = Symbol('cancelled');

function untilAborted(signal: AbortSignal): Promise<typeof cancelled> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(cancelled);
    else signal.addEventListener('abort', () => resolve(cancelled), { once: true });
  });
}

async function orCancel<T>(work: Promise<T>, signal: AbortSignal): Promise<T | typeof cancelled> {
  return Promise.race([work, untilAborted(signal)]);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

export class ActionRunner {
  private readonly pollMs: number;
  private readonly scale: number;
  private readonly now: () => Date;

  constructor(private readonly options: RunnerOptions) {
    this.pollMs = options.pollMs ?? 2_000;
    this.scale = options.postCheckTimeScale ?? 1;
    this.now = options.now ?? (() => new Date());
  }

  async run(
    prepared: PreparedAction,
    emit: (stream: OutputStream, text: string) => void,
    signal: AbortSignal,
  ): Promise<RunRecord> {
    const startedAt = this.now();
    const output = new Output(emit);
    const before = await this.stateBefore(prepared, signal);
    const ran = await this.runSteps(prepared.steps, output, signal);
    const postCheck = await this.postCheckAfter(prepared, {
      failed: ran.failed,
      signal,
      before,
      output,
    });
    output.finish();
    const status = runStatus(signal.aborted, ran.failed, postCheck);
    const failing = ran.exitCodes.findIndex((code) => code !== 0);
    const exitCode = failing === -1 ? 0 : (ran.exitCodes[failing] ?? null);
    const browser = prepared.steps.find((step) => step.via === 'browser');
    return {
      transcript: output.transcript,
      result: {
        actionId: prepared.definition.id,
        target: prepared.target,
        status,
        exitCode,
        steps: ran.steps,
        postCheck,
        url: browser?.via === 'browser' ? browser.url : null,
        summary: summarize(prepared, status, postCheck, ran.outputs),
        startedAt: startedAt.toISOString(),
        finishedAt: this.now().toISOString(),
      },
    };
  }

  /** The steps in order, until one fails or the run is cancelled. */
  private async runSteps(steps: readonly Step[], output: Output, signal: AbortSignal) {
    const results: StepResult[] = [];
    /** Per step, what counts as its exit: a failure that is an answer counts as 0. */
    const exitCodes: (number | null)[] = [];
    const outputs: StepOutput[] = [];
    for (const step of steps) {
      if (signal.aborted) break;
      output.info(`$ ${stepText(step)}   (${step.label}, ${step.node} over ${step.via})`);
      output.stepText = '';
      const outcome = await this.runStep(step, output, signal);
      results.push({ node: step.node, text: stepText(step), ...outcome });
      outputs.push({ node: step.node, label: step.label, text: output.stepText });
      output.info(describeOutcome(outcome));
      const answered = step.via === 'ssh' && step.failureIsAnswer && outcome.error === null;
      if (answered && outcome.exitCode !== 0) {
        output.info(`(an answer, not a failure: ${step.failureIsAnswer})`);
        exitCodes.push(0);
        continue;
      }
      exitCodes.push(outcome.error === null ? outcome.exitCode : null);
      if (outcome.error !== null || outcome.exitCode !== 0) {
        return { steps: results, exitCodes, outputs, failed: true };
      }
    }
    return { steps: results, exitCodes, outputs, failed: false };
  }

  private async runStep(step: Step, output: Output, signal: AbortSignal): Promise<StepOutcome> {
    const startedMs = performance.now();
    const elapsed = () => performance.now() - startedMs;
    const settled = await orCancel(this.execute(step, output, signal), signal);
    if (settled === cancelled) {
      return {
        exitCode: null,
        error:
          step.via === 'ssh'
            ? 'cancelled; the command was killed on the node'
            : 'cancelled; a query already sent may still finish on the node',
        durationMs: elapsed(),
      };
    }
    return { ...settled, durationMs: elapsed() };
  }

  private async execute(
    step: Step,
    output: Output,
    signal: AbortSignal,
  ): Promise<{ exitCode: number | null; error: string | null }> {
    const transports = this.options.transportsFor(step.node);
    switch (step.via) {
      case 'ssh':
        return this.sshStep(transports.ssh, step, output, signal);
      case 'postgres':
        return this.sqlStep(transports.postgres, step.node, step.sql, output);
      case 'redis':
        return this.redisStep(transports.redis, step, output);
      case 'browser':
        output.info(`the shell opens ${step.url}`);
        return { exitCode: 0, error: null };
    }
  }

  private async sshStep(
    ssh: SshTransport | null,
    step: Extract<Step, { via: 'ssh' }>,
    output: Output,
    signal: AbortSignal,
  ): Promise<{ exitCode: number | null; error: string | null }> {
    if (!ssh) return { exitCode: null, error: `${step.node} has no SSH in the fleet file` };
    // A transport that streams passes every piece through onOutput; one that cannot (the demo
    // plant's) answers at the end, and its output is written then.
    let streamed = false;
    const lines = {
      stdout: new LineStream((text) => output.write('stdout', text)),
      stderr: new LineStream((text) => output.write('stderr', text)),
    };
    const result = await ssh.exec(commandText({ argv: step.argv }), {
      timeoutMs: step.timeoutMs,
      signal,
      onOutput: (stream, text) => {
        streamed = true;
        lines[stream].push(text);
      },
    });
    lines.stdout.end();
    lines.stderr.end();
    if (!result.ok)
      return { exitCode: null, error: `${result.error.kind}: ${result.error.message}` };
    if (!streamed) {
      output.write('stdout', result.stdout);
      output.write('stderr', result.stderr);
    }
    if (result.truncated) output.info('(output cut at the transport limit)');
    const error = result.exitCode === null ? `ended by signal ${result.signal ?? 'unknown'}` : null;
    return { exitCode: result.exitCode, error };
  }

  private async sqlStep(
    postgres: PostgresTransport | null,
    node: string,
    sql: string,
    output: Output,
  ): Promise<{ exitCode: number | null; error: string | null }> {
    if (!postgres) return { exitCode: null, error: `${node} has no PostgreSQL in the fleet file` };
    const result = await postgres.query(sql);
    if (!result.ok)
      return { exitCode: null, error: `${result.error.kind}: ${result.error.message}` };
    output.write('stdout', formatRows(result.rows));
    return { exitCode: 0, error: null };
  }

  private async redisStep(
    redis: RedisTransport | null,
    step: Extract<Step, { via: 'redis' }>,
    output: Output,
  ): Promise<{ exitCode: number | null; error: string | null }> {
    if (!redis) return { exitCode: null, error: `${step.node} has no Redis in the fleet file` };
    if (step.command === 'info') {
      const info = await redis.info(step.section);
      if (!info.ok) return { exitCode: null, error: `${info.error.kind}: ${info.error.message}` };
      output.write('stdout', `${info.value.trimEnd()}\n`);
      return { exitCode: 0, error: null };
    }
    const hash = await redis.hgetall(step.db, step.key);
    if (!hash.ok) return { exitCode: null, error: `${hash.error.kind}: ${hash.error.message}` };
    const fields = Object.entries(hash.value);
    output.write(
      'stdout',
      fields.length === 0
        ? `(db ${step.db}: ${step.key} does not exist or is empty)\n`
        : fields.map(([field, value]) => `${field}=${value}\n`).join(''),
    );
    return { exitCode: 0, error: null };
  }

  // -- post-checks ------------------------------------------------------------------------------

  /** What a "restarted" check compares with: the container as it was before the commands. */
  private async stateBefore(
    prepared: PreparedAction,
    signal: AbortSignal,
  ): Promise<DockerInspectEntry | null> {
    const check = prepared.definition.postCheck;
    if (check?.kind !== 'container-healthy' || !check.restarted) return null;
    const read = await orCancel(this.inspect(prepared), signal);
    return read === cancelled ? null : read.entry;
  }

  private async postCheckAfter(
    prepared: PreparedAction,
    run: {
      failed: boolean;
      signal: AbortSignal;
      before: DockerInspectEntry | null;
      output: Output;
    },
  ): Promise<PostCheckResult> {
    const check = prepared.definition.postCheck;
    if (!check) return { state: 'none', detail: 'this action has no post-check' };
    if (run.signal.aborted) return { state: 'skipped', detail: 'the run was cancelled' };
    if (run.failed) return { state: 'skipped', detail: 'the commands did not succeed' };
    const deadlineMs = performance.now() + check.withinSeconds * 1000 * this.scale;
    const startedMs = performance.now();
    run.output.info(`post-check: ${describeCheck(check)}`);
    let last = 'not checked yet';
    for (;;) {
      const verdict = await orCancel(this.evaluate(prepared, check, run.before), run.signal);
      if (verdict === cancelled) return { state: 'skipped', detail: 'the run was cancelled' };
      last = verdict.detail;
      const seconds = ((performance.now() - startedMs) / 1000).toFixed(1);
      if (verdict.passed) {
        run.output.info(`post-check passed after ${seconds} s: ${last}`);
        return { state: 'passed', detail: `${last} (after ${seconds} s)` };
      }
      if (performance.now() >= deadlineMs) break;
      await sleep(this.pollMs, run.signal);
    }
    const limit = Math.round(check.withinSeconds * this.scale * 10) / 10;
    run.output.info(`post-check FAILED: ${last}`);
    return { state: 'failed', detail: `not within ${limit} s: ${last}` };
  }

  private async evaluate(
    prepared: PreparedAction,
    check: PostCheck,
    before: DockerInspectEntry | null,
  ): Promise<{ passed: boolean; detail: string }> {
    if (check.kind === 'ntp-enabled') return this.ntpEnabled(prepared.target.node);
    const { entry, error } = await this.inspect(prepared);
    const name = prepared.target.container ?? '';
    if (check.kind === 'container-absent') {
      if (error) return { passed: false, detail: error };
      return entry
        ? { passed: false, detail: `${name} still exists (${entry.state ?? 'state unknown'})` }
        : { passed: true, detail: `${name} is gone` };
    }
    if (!entry) return { passed: false, detail: error ?? `${name} does not exist` };
    if (check.kind === 'container-stopped') {
      const stopped =
        entry.state === 'exited' || entry.state === 'created' || entry.state === 'dead';
      return { passed: stopped, detail: `${name} is ${entry.state ?? 'in an unknown state'}` };
    }
    return containerHealthy(name, entry, check.restarted ? before : null);
  }

  /** `docker inspect --size NAME`: the container, null when Docker says it does not exist. */
  private async inspect(
    prepared: PreparedAction,
  ): Promise<{ entry: DockerInspectEntry | null; error: string | null }> {
    const ssh = this.options.transportsFor(prepared.target.node).ssh;
    const name = prepared.target.container ?? '';
    if (!ssh) return { entry: null, error: 'no SSH to check with' };
    const argv = ['docker', 'inspect', '--size', name];
    const result = await ssh.exec(commandText({ argv }), { timeoutMs: 15_000 });
    if (!result.ok) return { entry: null, error: `could not check: ${result.error.message}` };
    const text = `${result.stdout}\n${result.stderr}`;
    const entries = parseDockerInspect(result.stdout.replace(/\nError:[^\n]*/g, '')).value;
    const entry = entries.find((candidate) => candidate.name === name) ?? null;
    if (entry) return { entry, error: null };
    if (/No such (object|container)/i.test(text)) return { entry: null, error: null };
    return { entry: null, error: `could not read docker inspect (exit ${result.exitCode})` };
  }

  private async ntpEnabled(node: string): Promise<{ passed: boolean; detail: string }> {
    const ssh = this.options.transportsFor(node).ssh;
    if (!ssh) return { passed: false, detail: 'no SSH to check with' };
    const result = await ssh.exec(commandText({ argv: ['timedatectl', 'show'] }), {
      timeoutMs: 15_000,
    });
    if (!result.ok) return { passed: false, detail: `could not check: ${result.error.message}` };
    const reading = parseTimedatectlShow(result.stdout).value;
    return reading.ntpEnabled
      ? { passed: true, detail: 'NTP=yes' }
      : { passed: false, detail: `NTP=${reading.ntpEnabled === false ? 'no' : 'unknown'}` };
  }
}

function containerHealthy(
  name: string,
  entry: DockerInspectEntry,
  before: DockerInspectEntry | null,
): { passed: boolean; detail: string } {
  const state = entry.state ?? 'in an unknown state';
  if (entry.state !== 'running') return { passed: false, detail: `${name} is ${state}` };
  if (before && entry.startedAt === before.startedAt) {
    return { passed: false, detail: `${name} has not started again (started ${entry.startedAt})` };
  }
  if (entry.health === 'healthy' || entry.health === 'none') {
    const health = entry.health === 'none' ? 'no health check' : 'healthy';
    return { passed: true, detail: `${name} is running (${health}) since ${entry.startedAt}` };
  }
  return { passed: false, detail: `${name} is running but ${entry.health}` };
}

function describeCheck(check: PostCheck): string {
  const polled = check.kind === 'ntp-enabled' ? 'timedatectl show' : 'docker inspect --size';
  return `${check.kind}, polled with ${polled} for up to ${check.withinSeconds} s`;
}

function describeOutcome(outcome: StepOutcome): string {
  const seconds = (outcome.durationMs / 1000).toFixed(1);
  if (outcome.error !== null) return `step failed after ${seconds} s: ${outcome.error}`;
  return `exit ${outcome.exitCode} in ${seconds} s`;
}

function runStatus(aborted: boolean, failed: boolean, postCheck: PostCheckResult): RunStatus {
  if (aborted) return 'cancelled';
  if (failed) return 'failed';
  return postCheck.state === 'failed' ? 'post-check-failed' : 'succeeded';
}

function summarize(
  prepared: PreparedAction,
  status: RunStatus,
  check: PostCheckResult,
  outputs: readonly StepOutput[],
): string {
  const { target, definition } = prepared;
  const where = target.container ? `${target.container} on ${target.node}` : target.node;
  const checked = check.state === 'none' ? '' : `; post-check ${check.state}: ${check.detail}`;
  const meaning = status === 'succeeded' ? actionSummary(definition.id, outputs) : null;
  if (meaning) return `${definition.title} (${where}): ${status}; ${meaning}${checked}`;
  return `${definition.title} (${where}): ${status}${checked}`;
}

/** Rows as a tab-separated table with a header line. */
export function formatRows(rows: readonly Record<string, unknown>[]): string {
  if (rows.length === 0) return '(no rows)\n';
  const columns = Object.keys(rows[0] ?? {});
  const cell = (value: unknown) =>
    value === null || value === undefined
      ? ''
      : String(value instanceof Date ? value.toISOString() : value).replace(/[\t\n]/g, ' ');
  const lines = [
    columns.join('\t'),
    ...rows.map((row) => columns.map((c) => cell(row[c])).join('\t')),
  ];
  return `${lines.join('\n')}\n`;
}

/** A partial line longer than this is passed on without waiting for its end. */
const MAX_PENDING_LINE_CHARS = 4096;
const PRIVATE_KEY_BEGIN = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
const PRIVATE_KEY_END = /-----END [A-Z ]*PRIVATE KEY-----/;

/**
 * Passes streamed output on a whole line at a time, so redaction sees a `key=value` whole, and
 * holds back a private key from its BEGIN line to its END line (pieces of one would not match
 * the redaction's pattern).
 */
export class LineStream {
  private pending = '';
  private insideKey = false;

  constructor(private readonly write: (text: string) => void) {}

  push(text: string): void {
    const lines = (this.pending + text).split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.line(`${line}\n`);
    if (this.pending.length > MAX_PENDING_LINE_CHARS) this.end();
  }

  end(): void {
    if (this.pending !== '') this.line(this.pending);
    this.pending = '';
  }

  private line(text: string): void {
    if (PRIVATE_KEY_BEGIN.test(text)) {
      this.insideKey = true;
      this.write('[private key]\n');
    }
    if (!this.insideKey) return this.write(text);
    if (PRIVATE_KEY_END.test(text)) this.insideKey = false;
  }
}
