/** The Asana sandbox: server, seeder and the conformance harness. */
export { startAsanaSandbox, sign, type AsanaSandbox, type AsanaSandboxOptions, type SandboxWebhook } from './server';
export { seedHealthcareProgram, PHASES, SIGN_OFF_ROLES, GATES, type HealthcareSeedSpec, type SeededProgram } from './seeder';
export { createAsanaHarness } from './harness';
export type { TaskFields, TaskRecord } from './state';
