/**
 * The Asana connector: `createAsanaConnector(options)` returns the shared TrackerConnector contract plus
 * `postStatusUpdate` (project status from the program's RAG, once per fingerprint).
 */
import type { SourceItem } from '../../src/model/source-item';
import type { ConnectorCursor, IdSet, PullOptions, PullPage, TrackerConnector, WebhookDelivery, WebhookParse, CommentRequest, CommentResult } from '../contract';
import { UnrecoverableError } from '../errors';
import { AsanaApi } from './api';
import { AsanaGateway } from './client';
import { normalizeTask } from './normalize';
import type { AsanaConnectorOptions } from './options';
import { pull, type PullContext } from './pull';
import { findComment, postComment, postStatusUpdate, type Rag, type StatusUpdateResult } from './push';
import { parseAsanaWebhook } from './webhook';

export type { AsanaConnectorOptions } from './options';
export type { Rag, StatusUpdateResult } from './push';
export { signBody } from './webhook';

export interface AsanaConnector extends TrackerConnector {
  /** Posts an on_track / at_risk / off_track status update unless one with this fingerprint exists. */
  postStatusUpdate(project: string, rag: Rag, fingerprint: string): Promise<StatusUpdateResult>;
}

export function createAsanaConnector(options: AsanaConnectorOptions): AsanaConnector {
  if (!options.baseUrl || !options.token || options.projects.length === 0) {
    throw new UnrecoverableError('bad_config', 'Asana: baseUrl, token and at least one project are required');
  }
  const gateway = new AsanaGateway(options);
  const api = new AsanaApi(gateway);
  const maxConcurrency = Math.max(1, Math.min(options.maxConcurrency, 50));
  const ctx: PullContext = {
    api,
    instance: options.instance,
    projects: [...new Set(options.projects)],
    includeSubtasks: options.includeSubtasks,
    crossToolField: options.crossToolField,
    maxConcurrency,
  };

  async function listProjectIds(project: string, keys: Set<string>): Promise<void> {
    let offset: string | null = null;
    do {
      const page = await api.getTaskPage(project, { offset, modifiedSince: null, idsOnly: 'parent,num_subtasks' });
      for (const t of page.data) {
        if (t.parent && !options.includeSubtasks) continue;
        keys.add(t.gid);
        if (options.includeSubtasks && (t.num_subtasks ?? 0) > 0) await listSubtaskIds(t.gid, keys, 0);
      }
      offset = page.next_page?.offset ?? null;
    } while (offset);
  }

  async function listSubtaskIds(parent: string, keys: Set<string>, depth: number): Promise<void> {
    let offset: string | null = null;
    do {
      const page = await api.getSubtaskPage(parent, offset, 'num_subtasks');
      for (const t of page.data) {
        keys.add(t.gid);
        if (depth < 2 && (t.num_subtasks ?? 0) > 0) await listSubtaskIds(t.gid, keys, depth + 1);
      }
      offset = page.next_page?.offset ?? null;
    } while (offset);
  }

  return {
    tool: 'asana',
    instance: options.instance,
    pull: (cursor: ConnectorCursor | null, pullOptions: PullOptions): Promise<PullPage> => pull(ctx, cursor, pullOptions),
    async fetchItem(key: string): Promise<SourceItem | null> {
      try {
        const { data } = await api.getTask(key);
        if (data.parent && !options.includeSubtasks) return null;
        const project = data.memberships?.map((m) => m.project?.gid).find((p) => p && ctx.projects.includes(p)) ?? null;
        return normalizeTask(data, { instance: options.instance, project, crossToolField: options.crossToolField });
      } catch (err) {
        if (err instanceof UnrecoverableError && err.reason === 'not_found') return null;
        throw err;
      }
    },
    async listIds(): Promise<IdSet> {
      const keys = new Set<string>();
      for (const project of ctx.projects) await listProjectIds(project, keys);
      return { keys: [...keys].sort(), complete: true };
    },
    postComment: (key: string, comment: CommentRequest): Promise<CommentResult> => postComment(api, key, comment),
    findComment: (key: string, fingerprint: string): Promise<string | null> => findComment(api, key, fingerprint),
    parseWebhook: (delivery: WebhookDelivery, secret: string | null): WebhookParse => parseAsanaWebhook(delivery, secret),
    requestCount: () => gateway.requestCount(),
    async postStatusUpdate(project: string, rag: Rag, fingerprint: string): Promise<StatusUpdateResult> {
      if (!options.statusUpdates) throw new UnrecoverableError('bad_config', 'Asana: status updates are off for this source (statusUpdates: false)');
      return postStatusUpdate(api, project, rag, fingerprint);
    },
  };
}
