import type { Command } from 'commander';
import { registerDemo } from './demo';

/** Every `vitals` subcommand. Add one line per command file. */
export const COMMANDS: Array<(program: Command) => void> = [
  registerDemo,
];
