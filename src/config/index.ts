/** The config layer's public surface: other layers import from here only. */
export { loadConfig } from './load';
export { formatIssues } from './issues';
export type { ConfigIssue } from './issues';
export { configSchema, configJsonSchema } from './schema';
export { defaultKind } from './rules';
export { builtInPresetIds, presetsDir } from './presets';
export type {
  AsanaSourceConfig,
  JiraSourceConfig,
  LoadOptions,
  LoadResult,
  MappingRule,
  ProgramConfig,
  RuleAssign,
  RuleMatch,
  SeverityAssign,
  SourceConfig,
  VitalsConfig,
} from './types';
