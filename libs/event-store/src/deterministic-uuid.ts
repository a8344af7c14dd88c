import { createHash } from 'node:crypto';

/** Cityloop's UUID v5 namespace, for ids derived from idempotency keys. */
export const CITYLOOP_NAMESPACE = '6f1c2a4e-8d3b-5c7a-9e0f-1a2b3c4d5e6f';

/** RFC 4122 version-5 UUID of a name in a namespace: the same inputs always give the same id. */
export function deterministicUuid(name: string, namespace: string = CITYLOOP_NAMESPACE): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
