import { generateKeyPairSync } from 'node:crypto';
import { canonicalRequest, NODE_HEADERS, SignedRequestParts, signNodeRequest, verifyNodeSignature } from './node-signature.util';

function keyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const city = keyPair();
const stranger = keyPair();

const request = {
  method: 'POST',
  path: '/api/v1/federation/inbox',
  body: JSON.stringify({ batchKey: '440100/440100/customers/day/2024-05-01/1', rows: [] }),
  sourceNode: '440100',
  targetNode: '440000',
};

/** Signs `request` and returns the parts a receiver would rebuild from the headers, plus the signature. */
function signed(): { parts: SignedRequestParts; signature: string; headers: Record<string, string> } {
  const headers = signNodeRequest({ ...request, timestamp: 1_714_521_600, nonce: 'nonce-1' }, city.privateKeyPem);
  const parts: SignedRequestParts = {
    ...request,
    sourceNode: headers[NODE_HEADERS.node],
    targetNode: headers[NODE_HEADERS.target],
    timestamp: Number(headers[NODE_HEADERS.timestamp]),
    nonce: headers[NODE_HEADERS.nonce],
  };
  return { parts, signature: headers[NODE_HEADERS.signature], headers };
}

describe('signNodeRequest', () => {
  it('returns the node headers with the given values', () => {
    const { headers } = signed();
    expect(headers[NODE_HEADERS.node]).toBe('440100');
    expect(headers[NODE_HEADERS.target]).toBe('440000');
    expect(headers[NODE_HEADERS.timestamp]).toBe('1714521600');
    expect(headers[NODE_HEADERS.nonce]).toBe('nonce-1');
    expect(Buffer.from(headers[NODE_HEADERS.signature], 'base64')).toHaveLength(64);
    expect(Object.keys(headers).sort()).toEqual(Object.values(NODE_HEADERS).sort());
  });

  it('fills in the current time and a fresh nonce when not given', () => {
    const before = Math.floor(Date.now() / 1000);
    const a = signNodeRequest(request, city.privateKeyPem);
    const b = signNodeRequest(request, city.privateKeyPem);
    const after = Math.floor(Date.now() / 1000);
    const ts = Number(a[NODE_HEADERS.timestamp]);
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(after);
    expect(a[NODE_HEADERS.nonce]).toMatch(/^[0-9a-f-]{36}$/);
    expect(a[NODE_HEADERS.nonce]).not.toBe(b[NODE_HEADERS.nonce]);
    const parts: SignedRequestParts = { ...request, timestamp: ts, nonce: a[NODE_HEADERS.nonce] };
    expect(verifyNodeSignature(parts, a[NODE_HEADERS.signature], city.publicKeyPem)).toBe(true);
  });
});

describe('verifyNodeSignature', () => {
  it('accepts an untampered request', () => {
    const { parts, signature } = signed();
    expect(verifyNodeSignature(parts, signature, city.publicKeyPem)).toBe(true);
  });

  it('accepts a Buffer body equal to the signed string body', () => {
    const { parts, signature } = signed();
    expect(verifyNodeSignature({ ...parts, body: Buffer.from(request.body) }, signature, city.publicKeyPem)).toBe(true);
  });

  it('treats the method case-insensitively', () => {
    const { parts, signature } = signed();
    expect(verifyNodeSignature({ ...parts, method: 'post' }, signature, city.publicKeyPem)).toBe(true);
  });

  it.each<[string, Partial<SignedRequestParts>]>([
    ['body', { body: request.body.replace('"rows":[]', '"rows":[{}]') }],
    ['body (one extra byte)', { body: `${request.body} ` }],
    ['path', { path: '/api/v1/federation/inbox?x=1' }],
    ['method', { method: 'PUT' }],
    ['timestamp', { timestamp: 1_714_521_601 }],
    ['nonce', { nonce: 'nonce-2' }],
    ['target', { targetNode: '000000' }],
    ['source', { sourceNode: '440300' }],
  ])('rejects a tampered %s', (_label, change) => {
    const { parts, signature } = signed();
    expect(verifyNodeSignature({ ...parts, ...change }, signature, city.publicKeyPem)).toBe(false);
  });

  it('rejects a signature checked with a different public key', () => {
    const { parts, signature } = signed();
    expect(verifyNodeSignature(parts, signature, stranger.publicKeyPem)).toBe(false);
  });

  it('rejects a signature made with a different private key', () => {
    const headers = signNodeRequest({ ...request, timestamp: 1_714_521_600, nonce: 'nonce-1' }, stranger.privateKeyPem);
    const { parts } = signed();
    expect(verifyNodeSignature(parts, headers[NODE_HEADERS.signature], city.publicKeyPem)).toBe(false);
  });

  it('rejects a modified signature', () => {
    const { parts, signature } = signed();
    const raw = Buffer.from(signature, 'base64');
    raw[0] ^= 0x01;
    expect(verifyNodeSignature(parts, raw.toString('base64'), city.publicKeyPem)).toBe(false);
  });

  it('returns false instead of throwing on garbage signature or key', () => {
    const { parts, signature } = signed();
    expect(verifyNodeSignature(parts, '', city.publicKeyPem)).toBe(false);
    expect(verifyNodeSignature(parts, 'not base64 !!', city.publicKeyPem)).toBe(false);
    expect(verifyNodeSignature(parts, signature, 'not a key')).toBe(false);
  });
});

describe('canonicalRequest', () => {
  it('covers every signed part, with the method upper-cased and the body hashed', () => {
    const lines = canonicalRequest({ ...request, method: 'post', timestamp: 42, nonce: 'n' }).split('\n');
    expect(lines).toHaveLength(8);
    expect(lines.slice(0, 7)).toEqual(['CRM-NODE-V1', 'POST', '/api/v1/federation/inbox', '42', 'n', '440100', '440000']);
    expect(lines[7]).toMatch(/^[0-9a-f]{64}$/);
    expect(lines[7]).not.toBe(canonicalRequest({ ...request, body: '', timestamp: 42, nonce: 'n' }).split('\n')[7]);
  });
});
