/** The content hash that decides whether a stored item changed (16 base64url chars of SHA-1). */
import { createHash } from 'node:crypto';

export function contentHash(json: string): string {
  return createHash('sha1').update(json).digest('base64url').slice(0, 16);
}
