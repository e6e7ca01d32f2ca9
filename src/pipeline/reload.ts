/**
 * Config reload for the long-running roles (worker, scheduler, start): re-read the file on SIGHUP, validate it with
 * loadConfig, and swap the running settings only when the whole file is valid. A file with an error changes
 * nothing: the process keeps running on the last good config and logs where the error is.
 */
import { formatIssues, loadConfig, type ConfigIssue, type LoadOptions, type VitalsConfig } from '../config';
import type { Logger } from '../log';
import { settingsFromConfig } from './settings';
import type { PipelineSettings } from './types';

export type ReloadResult =
  | { ok: true; config: VitalsConfig; /** Sources changed: their connectors are rebuilt only by a restart. */ restartNeeded: boolean }
  | { ok: false; errors: ConfigIssue[]; /** The config still running (the last good one). */ config: VitalsConfig };

/** Holds the running config of one process and replaces it only with a config that validated. */
export interface ConfigReloader {
  readonly file: string;
  /** The last good config: the one the process runs on. */
  readonly current: VitalsConfig;
  reload(): ReloadResult;
}

export interface ReloaderOptions {
  /** The environment and file reader the first load used, so substitution gives the same result. */
  load?: LoadOptions;
  /** Applies a validated config to the running process (e.g. `applyToSettings(runtime.deps.settings)`). */
  apply?: (config: VitalsConfig) => void;
}

export function createConfigReloader(file: string, initial: VitalsConfig, options: ReloaderOptions = {}): ConfigReloader {
  let current = initial;
  return {
    file,
    get current() {
      return current;
    },
    reload(): ReloadResult {
      const loaded = loadConfig(file, options.load ?? {});
      if (!loaded.ok) return { ok: false, errors: loaded.errors, config: current };
      const restartNeeded = JSON.stringify(loaded.config.sources) !== JSON.stringify(current.sources);
      options.apply?.(loaded.config);
      current = loaded.config;
      return { ok: true, config: current, restartNeeded };
    },
  };
}

/**
 * Swaps `settings` in place, so every holder of the object (the workers' deps, the scheduler) sees the new
 * programs, schedules, write-back and channels at once. Sources stay: their connectors were built at start.
 */
export function applyToSettings(settings: PipelineSettings): (config: VitalsConfig) => void {
  return (config) => {
    const next = settingsFromConfig(config);
    Object.assign(settings, { ...next, sources: settings.sources });
  };
}

/** Reloads on every `signal` (SIGHUP by default); returns a function that stops listening. */
export function reloadOnSignal(reloader: ConfigReloader, log: Logger, signal: NodeJS.Signals = 'SIGHUP', onResult?: (r: ReloadResult) => void): () => void {
  const handler = (): void => {
    const r = reloader.reload();
    if (r.ok) log.info({ file: reloader.file, restartNeeded: r.restartNeeded }, 'config reloaded');
    // Issues carry file, line and path, never secret values (loadConfig scrubs them).
    else log.error({ file: reloader.file, errors: r.errors.length }, `config reload rejected; still running the last good config\n${formatIssues(r.errors)}`);
    onResult?.(r);
  };
  process.on(signal, handler);
  return () => {
    process.off(signal, handler);
  };
}
