/**
 * What the pipeline needs from the config and from the pure core, as injectable dependencies. `VitalsConfig`
 * from src/config is adapted to `PipelineSettings` in ./settings.ts; tests and benches build these directly.
 */
import type { CommentRequest, TrackerConnector } from '../../connectors/contract';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { EvaluationInput, ProgramEvaluation, Risk } from '../model/evaluation';
import type { ProgramConfig } from '../config/types';
import type { ChannelsConfig } from '../config/channels-schema';
import type { ItemRef, SourceItem } from '../model/source-item';
import type { WorkItem } from '../model/work-item';
import type { Store } from '../store';

export interface PipelineSource {
  id: string;
  kind: string;
  /** Overrides `schedules.poll` for this source. */
  pollSchedule?: string;
}

/** A program as the config resolved it: the model plus its sources, mapping rules and status map. */
export type PipelineProgram = ProgramConfig;

export interface WritebackSettings {
  /** Log what would be posted; post nothing. */
  dryRun: boolean;
  /** Post a short "resolved" note when a risk that was commented on goes away. */
  resolvedNote: boolean;
  /** Comment on the item itself, or on its epic/parent when it has one. */
  target: 'item' | 'epic';
}

/** What the write-back knows about the risk's program when it renders a comment. */
export interface CommentContext {
  program: PipelineProgram;
  evaluation: ProgramEvaluation | null;
}

export interface PipelineSettings {
  sources: PipelineSource[];
  programs: PipelineProgram[];
  schedules: { poll: string; reconcile: string };
  writeback: WritebackSettings;
  /** Base URL of the dashboard; program pages live at `${publicUrl}/programs/<id>`. */
  publicUrl: string;
  /** Alert channels, audiences and the role directory (`channels:`); absent: escalations are recorded only. */
  channels?: ChannelsConfig;
}

export interface MappedProgram {
  items: WorkItem[];
  unmapped: number;
}

/** A ladder level that should be delivered now (issue "alerts" plugs its router in here). */
export interface AlertRequest {
  program: string;
  subject: string;
  level: string;
  audiences: string[];
  fingerprint: string;
  due: string;
  /** Where the notice and its marker go when the escalation has no tracker item (chosen at evaluate time). */
  anchors?: ItemRef[];
}

export interface PipelineDeps {
  settings: PipelineSettings;
  connectors: Map<string, TrackerConnector>;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** The pure mapping of src/mapping for one program. */
  mapProgram(program: PipelineProgram, items: SourceItem[]): MappedProgram;
  /** The pure engine of src/health. */
  evaluate(input: EvaluationInput): ProgramEvaluation;
  /**
   * Tracker comment text (src/notify's renderTrackerComment): no titles, no PHI. `context` carries the program and
   * its latest evaluation, whose own dates and names the redactor keeps.
   */
  renderComment(risk: Risk, programUrl: string, context?: CommentContext): CommentRequest;
  /** Delivers one escalation level to its audiences; returns a receipt id. Absent: recorded and audited only. */
  deliverAlert?: (alert: AlertRequest) => Promise<string>;
  /** Debounce window of evaluations (ms). */
  evaluateDelayMs?: number;
}

export function programUrl(settings: PipelineSettings, program: string): string {
  return `${settings.publicUrl.replace(/\/$/, '')}/programs/${encodeURIComponent(program)}`;
}
