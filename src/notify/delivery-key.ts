/**
 * The identity of one delivery: the same alert fingerprint at the same level to the same channel is delivered once,
 * through retries and restarts. The pipeline's effect ledger keys on it; webhook receivers see it as
 * `deliveryId` / `X-Vitals-Delivery` and can de-duplicate on it too.
 */
const esc = (s: string): string => s.replace(/%/g, '%25').replace(/\|/g, '%7C');

export function deliveryKey(fingerprint: string, level: string, channelId: string): string {
  return `${esc(fingerprint)}|${esc(level)}|${esc(channelId)}`;
}
