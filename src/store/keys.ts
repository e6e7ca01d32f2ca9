/**
 * The Redis key schema of the store (documented in ./README.md). Every key starts with one prefix so tests and
 * the demo stay isolated, and the prefix carries a hash tag (`{vitals}`) so a MULTI over several keys stays in
 * one Redis Cluster slot.
 */
export interface StoreKeys {
  prefix: string;
  items(source: string): string;
  itemHashes(source: string): string;
  cursor(source: string): string;
  dirty(source: string): string;
  sourceState(source: string): string;
  sources(): string;
  programs(): string;
  snapshot(program: string): string;
  snapshotHistory(program: string): string;
  scores(program: string): string;
  throughput(program: string): string;
  risks(program: string): string;
  escalations(program: string): string;
  effect(deliveryKey: string): string;
  audit(): string;
}

/** `{vitals}:s:` by default; `namespace` becomes the hash tag. */
export function storePrefix(namespace = 'vitals'): string {
  return `{${namespace}}:s:`;
}

export function storeKeys(prefix: string): StoreKeys {
  return {
    prefix,
    items: (s) => `${prefix}items:${s}`,
    itemHashes: (s) => `${prefix}itemhash:${s}`,
    cursor: (s) => `${prefix}cursor:${s}`,
    dirty: (s) => `${prefix}dirty:${s}`,
    sourceState: (s) => `${prefix}source:${s}`,
    sources: () => `${prefix}sources`,
    programs: () => `${prefix}programs`,
    snapshot: (p) => `${prefix}snapshot:${p}`,
    snapshotHistory: (p) => `${prefix}snapshots:${p}`,
    scores: (p) => `${prefix}scores:${p}`,
    throughput: (p) => `${prefix}throughput:${p}`,
    risks: (p) => `${prefix}risks:${p}`,
    escalations: (p) => `${prefix}escalations:${p}`,
    effect: (k) => `${prefix}effect:${k}`,
    audit: () => `${prefix}audit`,
  };
}
