/** Builds one TrackerConnector per configured source (the connectors own their SDK wiring). */
import type { TrackerConnector } from '../../connectors/contract';
import { createAsanaConnector } from '../../connectors/asana';
import { createJiraConnector } from '../../connectors/jira';
import type { SourceConfig } from '../config/types';

export function buildConnectors(sources: SourceConfig[]): Map<string, TrackerConnector> {
  const out = new Map<string, TrackerConnector>();
  for (const s of sources) {
    if (s.kind === 'jira') out.set(s.id, createJiraConnector({ ...s, instance: s.id }));
    else out.set(s.id, createAsanaConnector({ ...s, instance: s.id }));
  }
  return out;
}
