/** Mapping: pure rules turning SourceItems into WorkItems. */
export { createMapper, mapItems, mapProgramItems } from './map';
export type { MappingResult, Unmapped } from './map';
export { normalizeStatus, compileStatusMap } from './status';
export { parseSeverity } from './severity';
