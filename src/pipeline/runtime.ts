/**
 * Assembles a running pipeline from a loaded config: Redis connection, store, queues, connectors, and the pure
 * core (mapping, health, comment rendering). Every CLI role (start, worker, scheduler, sync, demo) goes through it.
 */
import type { Redis } from 'ioredis';
import type { TrackerConnector } from '../../connectors/contract';
import type { Clock } from '../clock';
import type { VitalsConfig } from '../config/types';
import { evaluateProgram } from '../health';
import type { Logger } from '../log';
import { createMapper, type MappingResult } from '../mapping';
import type { SourceItem } from '../model/source-item';
import { programAllowList } from '../notify/allow-list';
import { renderTrackerComment, type CommentContext as NotifyCommentContext } from '../notify/render';
import type { Risk } from '../model/evaluation';
import { createStore, type LedgerOptions } from '../store';
import { storePrefix } from '../store/keys';
import { buildConnectors } from './connectors';
import { Queues } from './queues';
import { settingsFromConfig } from './settings';
import type { CommentContext, PipelineDeps, PipelineSettings } from './types';

export interface Runtime {
  deps: PipelineDeps;
  queues: Queues;
  redis: Redis;
  namespace: string;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  redis: Redis;
  /** Key namespace (hash tag); `vitals` by default, `VITALS_NAMESPACE` overrides. */
  namespace?: string;
  clock: Clock;
  logger: Logger;
  /** Replace connectors (tests and benches that inject faults or counters). */
  connectors?: Map<string, TrackerConnector>;
  evaluateDelayMs?: number;
  deliverAlert?: PipelineDeps['deliverAlert'];
  /** Ledger lease and retention; tests that kill workers shorten the lease so a dead claim expires quickly. */
  ledger?: LedgerOptions;
}

/** The program's own dates and names for the redactor, and the milestone a slip risk is about. */
function commentOptions(risk: Risk, context: CommentContext): Pick<NotifyCommentContext, 'allow' | 'milestone'> {
  const allow = programAllowList(context.program.program, context.evaluation ?? undefined);
  const f = risk.type === 'milestone_slip' ? context.evaluation?.forecasts.find((x) => x.milestone === risk.subject) : undefined;
  const m = f ? context.program.program.milestones.find((x) => x.id === f.milestone) : undefined;
  return { allow, ...(f && m ? { milestone: { name: m.name, baseline: f.baseline, p85: f.p85, slipDays: f.slipDays } } : {}) };
}

/**
 * Compiled mappers per program object: indexing a page calls the mapper once per program, so compiling the rules on
 * every call would cost more than mapping. Keyed by the object a reload replaces, so new rules compile afresh.
 */
const mappers = new WeakMap<object, (items: readonly SourceItem[]) => MappingResult>();

function mapperFor(program: VitalsConfig['programs'][number]): (items: readonly SourceItem[]) => MappingResult {
  let m = mappers.get(program);
  if (!m) mappers.set(program, (m = createMapper([program])));
  return m;
}

/** The core functions of Vitals, bound for the pipeline. */
export function coreFunctions(config: Pick<VitalsConfig, 'writeback'>): Pick<PipelineDeps, 'mapProgram' | 'evaluate' | 'renderComment'> {
  const titles = config.writeback.titles;
  return {
    mapProgram: (program, items) => {
      const res = mapperFor(program)(items);
      return { items: res.items, unmapped: res.unmapped.length };
    },
    evaluate: evaluateProgram,
    renderComment: (risk, url, context) => renderTrackerComment(risk, url, { titleMode: titles, ...(context ? commentOptions(risk, context) : {}) }),
  };
}

export function createRuntimeFromSettings(
  settings: PipelineSettings,
  core: Pick<PipelineDeps, 'mapProgram' | 'evaluate' | 'renderComment'>,
  connectors: Map<string, TrackerConnector>,
  options: RuntimeOptions & { auditRetentionDays?: number },
): Runtime {
  const namespace = options.namespace ?? process.env.VITALS_NAMESPACE ?? 'vitals';
  const store = createStore(options.redis, {
    prefix: storePrefix(namespace),
    auditRetentionDays: options.auditRetentionDays ?? 400,
    ...(options.ledger ? { ledger: options.ledger } : {}),
  });
  const queues = new Queues(options.redis, namespace, settings.sources.map((s) => s.id));
  const deps: PipelineDeps = {
    settings,
    connectors,
    store,
    clock: options.clock,
    logger: options.logger,
    ...core,
    ...(options.deliverAlert ? { deliverAlert: options.deliverAlert } : {}),
    ...(options.evaluateDelayMs !== undefined ? { evaluateDelayMs: options.evaluateDelayMs } : {}),
  };
  return {
    deps,
    queues,
    redis: options.redis,
    namespace,
    close: async () => {
      await queues.close();
    },
  };
}

export function createRuntime(config: VitalsConfig, options: RuntimeOptions): Runtime {
  return createRuntimeFromSettings(settingsFromConfig(config), coreFunctions(config), options.connectors ?? buildConnectors(config.sources), {
    ...options,
    auditRetentionDays: config.audit.retentionDays,
  });
}
