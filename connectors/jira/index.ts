/**
 * The Jira connector: `createJiraConnector(options)` gives the pipeline a TrackerConnector speaking to one
 * Jira Cloud site through jira.js 5.4 (Version3Client). See README.md for what it owns and how to test it.
 */
import type { SourceItem } from '../../src/model/source-item';
import type { CommentRequest, CommentResult, ConnectorCursor, IdSet, PullOptions, PullPage, TrackerConnector, WebhookDelivery, WebhookParse } from '../contract';
import { UnrecoverableError } from '../errors';
import { JiraHttp } from './client';
import { keysQuery } from './jql';
import { normalizeIssue, requestedFields } from './normalize';
import type { JiraConnectorOptions } from './options';
import { JiraPuller, keyPage } from './pull';
import { JiraCommenter } from './push';
import { IssueSchema } from './schemas';
import { parseJiraWebhook } from './webhook';

export type { JiraAuth, JiraConnectorOptions, RetryOptions } from './options';
export { signBody } from './webhook';

function validate(options: JiraConnectorOptions): void {
  const problems: string[] = [];
  if (!/^https?:\/\/[^\s]+$/.test(options.baseUrl)) problems.push('baseUrl must be an http(s) URL');
  if (!options.jql.replace(/\border\s+by\b[\s\S]*$/i, '').trim()) problems.push('jql must be bounded (Jira rejects an empty query)');
  if (!(options.pageSize >= 1 && options.pageSize <= 100)) problems.push('pageSize must be 1..100 (Jira caps full-field pages at 100)');
  if (!(options.maxConcurrency >= 1)) problems.push('maxConcurrency must be ≥ 1');
  if (!(options.lookbackMinutes >= 0)) problems.push('lookbackMinutes must be ≥ 0');
  if (problems.length) throw new UnrecoverableError('bad_config', `jira source ${options.instance}: ${problems.join('; ')}`);
}

class JiraConnector implements TrackerConnector {
  readonly tool = 'jira';
  readonly instance: string;
  private readonly http: JiraHttp;
  private readonly puller: JiraPuller;
  private readonly commenter: JiraCommenter;

  constructor(private readonly options: JiraConnectorOptions) {
    validate(options);
    this.instance = options.instance;
    this.http = new JiraHttp(options);
    this.puller = new JiraPuller(this.http, options);
    this.commenter = new JiraCommenter(this.http);
  }

  pull(cursor: ConnectorCursor | null, options: PullOptions): Promise<PullPage> {
    return this.puller.pull(cursor, options);
  }

  async fetchItem(key: string): Promise<SourceItem | null> {
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
    const issue = await this.http.call(
      'get issue',
      (c) => c.issues.getIssue({ issueIdOrKey: key, fields: requestedFields(this.options) }),
      IssueSchema,
      { nullOn404: true },
    );
    return issue ? normalizeIssue(issue, this.options) : null;
  }

  async listIds(): Promise<IdSet> {
    const query = keysQuery(this.options.jql);
    const keys: string[] = [];
    let token = '';
    for (;;) {
      const page = await keyPage(this.http, query, token);
      keys.push(...page.keys);
      if (page.token === null) break;
      token = page.token;
    }
    return { keys: [...new Set(keys)], complete: true };
  }

  postComment(key: string, comment: CommentRequest): Promise<CommentResult> {
    return this.commenter.post(key, comment);
  }

  findComment(key: string, fingerprint: string): Promise<string | null> {
    return this.commenter.find(key, fingerprint);
  }

  parseWebhook(delivery: WebhookDelivery, secret: string | null): WebhookParse {
    return parseJiraWebhook(delivery, secret);
  }

  requestCount(): number {
    return this.http.requestCount();
  }
}

/** A TrackerConnector for one Jira Cloud site. Throws UnrecoverableError('bad_config') on unusable options. */
export function createJiraConnector(options: JiraConnectorOptions): TrackerConnector {
  return new JiraConnector(options);
}
