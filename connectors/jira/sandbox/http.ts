/** Shared bits of the sandbox's HTTP layer: Jira-shaped error bodies and the request context. */
import type { Response } from 'express';
import type { Searcher } from './search';
import type { Serializer } from './serialize';
import type { JiraState } from './state';

export interface SandboxContext {
  state: JiraState;
  searcher: Searcher;
  serializer: Serializer;
  accountId: string;
  now: () => number;
}

export function jiraError(res: Response, status: number, ...messages: string[]): void {
  res.status(status).json({ errorMessages: messages, errors: {} });
}

export function param(value: unknown): string {
  return Array.isArray(value) ? String(value[0] ?? '') : typeof value === 'string' ? value : '';
}
