/**
 * Tracker comment text when src/notify's renderer is not wired in (tests of the pipeline alone). It uses only the
 * risk's own message and action, which the health engine writes without titles or PHI.
 */
import type { CommentRequest } from '../../connectors/contract';
import type { Risk } from '../model/evaluation';

export function plainComment(risk: Risk, programUrl: string): CommentRequest {
  return {
    fingerprint: risk.fingerprint,
    heading: `Vitals: ${risk.level} risk (${risk.type.replace(/_/g, ' ')})`,
    lines: [risk.message, `Since ${risk.since.slice(0, 10)}. Severity ${risk.severity}/25.`, `What to do: ${risk.action}`],
    link: { text: 'Program page', url: programUrl },
  };
}
