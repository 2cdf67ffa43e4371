import { createHash } from 'node:crypto';
import type { NodeMessageDto } from '../protocol/node-message.dto';

/** JSON with object keys sorted at every depth: the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Hash of what a message says (type, origin, subject, version, payload), not of who relays it. */
export function messageContentHash(m: Pick<NodeMessageDto, 'type' | 'originNode' | 'subject' | 'version' | 'payload'>): string {
  return createHash('sha256').update(canonicalJson([m.type, m.originNode, m.subject, m.version, m.payload])).digest('hex');
}

/**
 * A UUID derived from its parts (SHA-256, shaped as version 8): the same logical message — e.g.
 * "city 440100 applied version 3 of directive K" — always gets the same id, so sending it twice
 * is one message at the receiver.
 */
export function deterministicMessageId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest();
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
