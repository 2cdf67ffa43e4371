import { createHash, createPrivateKey, createPublicKey, randomUUID, sign, verify } from 'node:crypto';

/** Headers of a node-authenticated request (node-to-node trust, ARCHITECTURE.md). */
export const NODE_HEADERS = {
  node: 'x-node-code',
  target: 'x-node-target',
  timestamp: 'x-node-timestamp',
  nonce: 'x-node-nonce',
  signature: 'x-node-signature',
} as const;

export interface SignedRequestParts {
  method: string;
  /** Path with query string, as sent (e.g. `/api/v1/federation/inbox`). */
  path: string;
  body: string | Buffer;
  sourceNode: string;
  targetNode: string;
  timestamp: number;
  nonce: string;
}

/** The exact bytes that are signed: every part that must not be altered or reused elsewhere. */
export function canonicalRequest(p: SignedRequestParts): string {
  const bodyHash = createHash('sha256').update(p.body).digest('hex');
  return ['CRM-NODE-V1', p.method.toUpperCase(), p.path, String(p.timestamp), p.nonce, p.sourceNode, p.targetNode, bodyHash].join('\n');
}

/** Signs a request with the node's Ed25519 key; returns the headers to send. */
export function signNodeRequest(
  req: Omit<SignedRequestParts, 'timestamp' | 'nonce'> & { timestamp?: number; nonce?: string },
  privateKeyPem: string,
): Record<string, string> {
  const parts: SignedRequestParts = { ...req, timestamp: req.timestamp ?? Math.floor(Date.now() / 1000), nonce: req.nonce ?? randomUUID() };
  const signature = sign(null, Buffer.from(canonicalRequest(parts)), createPrivateKey(privateKeyPem)).toString('base64');
  return {
    [NODE_HEADERS.node]: parts.sourceNode,
    [NODE_HEADERS.target]: parts.targetNode,
    [NODE_HEADERS.timestamp]: String(parts.timestamp),
    [NODE_HEADERS.nonce]: parts.nonce,
    [NODE_HEADERS.signature]: signature,
  };
}

export function verifyNodeSignature(parts: SignedRequestParts, signatureBase64: string, publicKeyPem: string): boolean {
  try {
    return verify(null, Buffer.from(canonicalRequest(parts)), createPublicKey(publicKeyPem), Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}
