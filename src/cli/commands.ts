import type { Command } from 'commander';
import { registerDemo } from './demo';
import { registerPipelineCommands } from './pipeline-commands';
import { registerConfig } from './config';
import { registerEvaluate } from './evaluate';
import { registerApi } from './api';
import { registerNotify } from './notify';

/** Every `vitals` subcommand. Add one line per command file. */
export const COMMANDS: Array<(program: Command) => void> = [
  registerDemo,
  registerPipelineCommands,
  registerConfig,
  registerEvaluate,
  registerApi,
  registerNotify,
];
