#!/usr/bin/env node
// Entry of the `control-room` command. The CLI is TypeScript (electron/cli.ts); tsx loads it
// directly, so `npx control-room` works right after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../electron/cli.ts');
const outcome = await run(process.argv.slice(2));

if ('exitCode' in outcome) {
  process.exitCode = outcome.exitCode;
} else {
  const shutDown = async () => {
    await outcome.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutDown);
  process.once('SIGTERM', shutDown);
}
