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
  /** item key → comma-joined ids of the programs the item maps to ('' when none). */
  itemPrograms(source: string): string;
  /** Set of `<source>:<item key>` members: the items one program's evaluation loads. */
  programItems(program: string): string;
  /** Fingerprint of the mapping rules the source's program index was built with. */
  indexVersion(source: string): string;
  /** The API's RAG overrides (hash program → RagOverride JSON), read by the evaluate job. */
  overrides(): string;
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

/**
 * The API keeps its own keys under `{<namespace>}:api:` (src/api `apiPrefix`); for a store prefix of the usual
 * shape `{<namespace>}:s:` that is where overrides are read. Other prefixes (tests) get `<prefix>api:`.
 */
export function apiPrefixOf(prefix: string): string {
  const m = /^(\{[^}]*\}):s:$/.exec(prefix);
  return m ? `${m[1]}:api:` : `${prefix}api:`;
}

export function storeKeys(prefix: string): StoreKeys {
  const api = apiPrefixOf(prefix);
  return {
    prefix,
    items: (s) => `${prefix}items:${s}`,
    itemHashes: (s) => `${prefix}itemhash:${s}`,
    cursor: (s) => `${prefix}cursor:${s}`,
    dirty: (s) => `${prefix}dirty:${s}`,
    itemPrograms: (s) => `${prefix}itemprogs:${s}`,
    programItems: (p) => `${prefix}pitems:${p}`,
    indexVersion: (s) => `${prefix}itemidx:${s}`,
    overrides: () => `${api}overrides`,
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
