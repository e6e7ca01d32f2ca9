import type { Command } from 'commander';
import { registerDemo } from './demo';
import { registerConfig } from './config';

/** Every `vitals` subcommand. Add one line per command file. */
export const COMMANDS: Array<(program: Command) => void> = [
  registerDemo,
  registerConfig,
];
