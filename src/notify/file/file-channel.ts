/** A file sink: one NDJSON line per alert. The demo and air-gapped sites use it; `tail -f` reads it. */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FileChannelConfig } from '../../config/channels-schema';
import { systemClock, type Clock } from '../../clock';
import type { Alert } from '../alert';
import type { AlertChannel, DeliveryResult, DeliveryTarget } from '../channel';

export interface FileSinkLine {
  at: string;
  channel: string;
  recipients: string[];
  alert: Alert;
}

export class FileChannel implements AlertChannel {
  readonly kind = 'file' as const;

  constructor(
    readonly id: string,
    private readonly config: FileChannelConfig,
    private readonly clock: Clock = systemClock,
  ) {}

  async send(alert: Alert, target: DeliveryTarget = {}): Promise<DeliveryResult> {
    const line: FileSinkLine = { at: this.clock().toISOString(), channel: this.id, recipients: target.recipients ?? [], alert };
    try {
      await mkdir(dirname(this.config.path), { recursive: true });
      // One write per line: appends of a single small buffer do not interleave between processes.
      await appendFile(this.config.path, `${JSON.stringify(line)}\n`, 'utf8');
      return { ok: true, status: null, retryable: false, detail: 'appended' };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
      // A full disk or a busy file may clear; a missing permission will not.
      const retryable = !['EACCES', 'EPERM', 'EISDIR', 'EROFS'].includes(code);
      return { ok: false, status: null, retryable, detail: `file sink write failed (${code})` };
    }
  }
}
