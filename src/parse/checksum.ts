import { createHash } from 'node:crypto';
import type { Checksum } from './manifest-types.js';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function fileChecksum(text: string): Checksum {
  return { name: 'sha256', checksum: sha256(text) };
}
