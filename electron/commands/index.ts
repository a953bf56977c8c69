// Commands kept in their own modules, by name; electron/cli.ts dispatches to them and adds their
// usage to --help. Add a command: write electron/commands/NAME.ts exporting a Command, then
// one line here.
import type { Command } from './common';
import { exportCommand } from './export';
import { importCommand } from './import';
import { reportCommand } from './report';

export const moduleCommands: Record<string, Command> = {
  export: exportCommand,
  import: importCommand,
  report: reportCommand,
};
