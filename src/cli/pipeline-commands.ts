import type { Command } from 'commander';
import { registerRoles } from './roles';
import { registerStatus } from './status';
import { registerSync } from './sync';

/** start, worker, scheduler, sync, status. */
export function registerPipelineCommands(program: Command): void {
  registerRoles(program);
  registerSync(program);
  registerStatus(program);
}
