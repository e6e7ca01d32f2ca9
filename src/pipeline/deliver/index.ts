/** Alert delivery inside the pipeline: fan-out, the notify jobs, digests, acknowledgements, dry run, audit export. */
export { acknowledgeEscalation, snoozeEscalation, EscalationActionError, type AcknowledgeInput, type SnoozeInput } from './acknowledge';
export { exportAudit, toCsv, csvField, AuditExportError, type AuditExportRequest, type AuditRow } from './audit-export';
export { closeChannels, channelsOf } from './channels';
export { runAlertDeliver, deliverOnce, channelStatusOf, type DeliverOutcome } from './deliver-job';
export { runDigest, collectForDigest, digestJobId, localDate } from './digest';
export { deliverEscalation, deliverNewHighRisks, fanOut, alertJobId } from './fan-out';
export { planDeliveries, formatPlan, type PlannedDelivery } from './plan';
export { useDemoAlertSink, formatAlertSummary, DEMO_ALERT_CHANNEL } from './demo-sink';
export { formatChannelStatus } from './status';
