// `control-room import FILE --archive DIR`: a bundle (into a new archive directory) or a file of
// snapshots (into a new or existing archive). Bad files change nothing and exit 2.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ArchiveVersionError, BundleError, importFile } from '../archive';
import type { ImportResult } from '../archive';
import { configureLogging } from '../log';
import { EXIT_OK, InputError, type Command } from './common';
import { describeCounts, iso } from './export';

const options = { archive: { type: 'string' } } satisfies ParseArgsConfig['options'];

export const importCommand: Command = {
  usage: `  import FILE --archive DIR
                         Import a bundle (into DIR, which must be new or empty) or a file of
                         snapshots, one JSON object per line, oldest first (into DIR, new or
                         not). A bad file is refused whole: nothing is written.`,
  async run(argv, output) {
    const { values, positionals } = parseArgs({
      args: argv,
      options,
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new InputError('import needs one FILE');
    if (values.archive === undefined || values.archive === '') {
      throw new InputError('import needs --archive DIR');
    }
    configureLogging();
    let result: ImportResult;
    try {
      result = await importFile(positionals[0]!, values.archive);
    } catch (error) {
      if (error instanceof BundleError || error instanceof ArchiveVersionError) {
        throw new InputError(error.message);
      }
      throw error;
    }
    output.out(summaryLine(result));
    return { exitCode: EXIT_OK };
  },
};

function summaryLine(result: ImportResult): string {
  if (result.kind === 'snapshots') {
    return (
      `Imported ${result.snapshots} snapshots of ${result.deployment} from ` +
      `${iso(result.firstMs)} to ${iso(result.lastMs)} (${result.bytes} bytes) into ` +
      `${result.directory}`
    );
  }
  const { fromMs, toMs } = result.header;
  return (
    `Imported ${result.records} records (${describeCounts(result.counts)}) from ` +
    `${iso(fromMs)} to ${iso(toMs)} (${result.bytes} bytes) into ${result.directory}`
  );
}
