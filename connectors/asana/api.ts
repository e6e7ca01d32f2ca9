/** The Asana operations we use, each one SDK call through the gateway. opt_fields go as one comma string. */
import { BatchAPIApi, EventsApi, StatusUpdatesApi, StoriesApi, TasksApi } from 'asana';
import type { AsanaGateway } from './client';
import {
  batchBodySchema,
  eventsBodySchema,
  statusBodySchema,
  statusListSchema,
  storyBodySchema,
  storyListSchema,
  taskBodySchema,
  taskListSchema,
} from './schemas';

export const TASK_FIELDS = [
  'name', 'resource_subtype', 'completed', 'completed_at', 'approval_status', 'due_on', 'due_at', 'start_on', 'start_at',
  'created_at', 'modified_at', 'assignee', 'memberships.project.name', 'memberships.section.name', 'tags.name', 'parent',
  'dependencies', 'permalink_url', 'num_subtasks', 'custom_fields.name', 'custom_fields.type', 'custom_fields.display_value',
];
const TASK_OPT_FIELDS = TASK_FIELDS.join(',');
export const PAGE_LIMIT = 100;
/** Asana's Batch API takes at most 10 actions per request. */
export const BATCH_MAX = 10;

export class AsanaApi {
  private readonly tasks: TasksApi;
  private readonly events: EventsApi;
  private readonly stories: StoriesApi;
  private readonly statuses: StatusUpdatesApi;
  private readonly batch: BatchAPIApi;

  constructor(readonly gateway: AsanaGateway) {
    this.tasks = new TasksApi(gateway.client);
    this.events = new EventsApi(gateway.client);
    this.stories = new StoriesApi(gateway.client);
    this.statuses = new StatusUpdatesApi(gateway.client);
    this.batch = new BatchAPIApi(gateway.client);
  }

  /** https://developers.asana.com/reference/getevents — throws SyncTokenExpired on 412. */
  getEvents(project: string, sync: string | null) {
    return this.gateway.call({
      what: `events of project ${project}`,
      notFound: `project ${project}`,
      schema: eventsBodySchema,
      // A fresh opts object per call: the SDK writes `resource` into it.
      call: () => this.events.getEvents(project, sync ? { sync } : {}),
    });
  }

  /** https://developers.asana.com/reference/gettasks — one page; `idsOnly` asks for the smallest records. */
  getTaskPage(project: string, args: { offset: string | null; modifiedSince: string | null; idsOnly?: string }) {
    const opts: Record<string, string | number> = { project, limit: PAGE_LIMIT, opt_fields: args.idsOnly ?? TASK_OPT_FIELDS };
    if (args.offset) opts['offset'] = args.offset;
    if (args.modifiedSince) opts['modified_since'] = args.modifiedSince;
    return this.gateway.call({
      what: `tasks of project ${project}`,
      notFound: `project ${project}`,
      schema: taskListSchema,
      call: () => this.tasks.getTasks(opts),
    });
  }

  /** https://developers.asana.com/reference/getsubtasksfortask */
  getSubtaskPage(parent: string, offset: string | null, idsOnly?: string) {
    const opts: Record<string, string | number> = { limit: PAGE_LIMIT, opt_fields: idsOnly ?? TASK_OPT_FIELDS };
    if (offset) opts['offset'] = offset;
    return this.gateway.call({ what: `subtasks of ${parent}`, schema: taskListSchema, call: () => this.tasks.getSubtasksForTask(parent, opts) });
  }

  /** https://developers.asana.com/reference/gettask */
  getTask(gid: string) {
    return this.gateway.call({ what: `task ${gid}`, schema: taskBodySchema, call: () => this.tasks.getTask(gid, { opt_fields: TASK_OPT_FIELDS }) });
  }

  /** https://developers.asana.com/reference/createbatchrequest — up to 10 task reads in one request. */
  getTasksBatch(gids: string[]) {
    const actions = gids.map((gid) => ({ method: 'get', relative_path: `/tasks/${gid}`, options: { fields: TASK_FIELDS } }));
    return this.gateway.call({
      what: `batch of ${gids.length} tasks`,
      write: true,
      schema: batchBodySchema,
      call: () => this.batch.createBatchRequest({ data: { actions } }),
    });
  }

  /** https://developers.asana.com/reference/getstoriesfortask */
  getStoryPage(task: string, offset: string | null) {
    const opts: Record<string, string | number> = { limit: PAGE_LIMIT, opt_fields: 'type,resource_subtype,text' };
    if (offset) opts['offset'] = offset;
    return this.gateway.call({ what: `stories of ${task}`, notFound: `task ${task}`, schema: storyListSchema, call: () => this.stories.getStoriesForTask(task, opts) });
  }

  /** https://developers.asana.com/reference/createstoryfortask */
  createStory(task: string, htmlText: string) {
    return this.gateway.call({
      what: `comment on ${task}`,
      write: true,
      notFound: `task ${task}`,
      schema: storyBodySchema,
      call: () => this.stories.createStoryForTask({ data: { html_text: htmlText } }, task, {}),
    });
  }

  /** https://developers.asana.com/reference/getstatusesforobject */
  getStatusPage(parent: string, offset: string | null) {
    const opts: Record<string, string | number> = { limit: PAGE_LIMIT, opt_fields: 'status_type,text,title' };
    if (offset) opts['offset'] = offset;
    return this.gateway.call({ what: `status updates of ${parent}`, notFound: `project ${parent}`, schema: statusListSchema, call: () => this.statuses.getStatusesForObject(parent, opts) });
  }

  /** https://developers.asana.com/reference/createstatusforobject */
  createStatus(parent: string, statusType: string, title: string, text: string) {
    return this.gateway.call({
      what: `status update on ${parent}`,
      write: true,
      notFound: `project ${parent}`,
      schema: statusBodySchema,
      call: () => this.statuses.createStatusForObject({ data: { parent, status_type: statusType, title, text } }, {}),
    });
  }
}
