/** The pipeline's view of a loaded config. */
import type { VitalsConfig } from '../config/types';
import type { PipelineSettings } from './types';

export function settingsFromConfig(config: VitalsConfig): PipelineSettings {
  return {
    sources: config.sources.map((s) => ({ id: s.id, kind: s.kind, ...(s.pollSchedule ? { pollSchedule: s.pollSchedule } : {}) })),
    programs: config.programs,
    schedules: config.schedules,
    writeback: { dryRun: config.writeback.dryRun, resolvedNote: config.writeback.resolvedNote, target: config.writeback.target },
    publicUrl: config.server.publicUrl,
    channels: config.channels,
  };
}
