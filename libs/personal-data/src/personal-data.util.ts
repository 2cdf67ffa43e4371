import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Protection of personal data (個人信息) at rest: keyed hashes for exact lookup and AES-256-GCM
 * for values that authorised staff may read. Keys derive from the node's CRM_PII_KEY.
 */
export class PersonalDataCipher {
  private readonly hashKey: Buffer;
  private readonly encKey: Buffer;
  private readonly prefixHashKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('PII key must be 32 bytes');
    this.hashKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'crm:pii:hash:v1', 32));
    this.encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'crm:pii:enc:v1', 32));
    this.prefixHashKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'crm:pii:prefix:v1', 32));
  }

  /** Search key of one ID-number prefix: a keyed 64-bit hash (as a bigint string). */
  prefixKey(prefix: string): string {
    const p = normalizeIdNumber(prefix);
    return createHmac('sha256', this.prefixHashKey).update(`${p.length}:${p}`).digest().readBigInt64BE(0).toString();
  }

  /** Search keys of every prefix of length MIN..full-1, stored so prefix search needs no clear text. */
  prefixKeys(idNumber: string): string[] {
    const id = normalizeIdNumber(idNumber);
    const keys: string[] = [];
    for (let len = ID_PREFIX_MIN; len < id.length; len++) keys.push(this.prefixKey(id.slice(0, len)));
    return keys;
  }

  /** Keyed hash of an ID number, for lookup by the full number. */
  hash(kind: string, value: string): string {
    return createHmac('sha256', this.hashKey).update(`${kind}:${normalizeIdNumber(value)}`).digest('hex');
  }

  encrypt(value: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const ct = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return `v1:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`;
  }

  decrypt(stored: string): string {
    const [version, data] = stored.split(':');
    if (version !== 'v1' || !data) throw new Error('Unknown personal data encoding');
    const raw = Buffer.from(data, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

/** Shortest ID-number prefix with a search key; shorter prefixes match the masked form (first 6 kept). */
export const ID_PREFIX_MIN = 6;

export function normalizeIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

/** Keeps the first `head` and last `tail` characters: `440106********1234`, `138****5678`. */
export function maskMiddle(value: string, head: number, tail: number): string {
  if (value.length <= head + tail) return '*'.repeat(value.length);
  return value.slice(0, head) + '*'.repeat(value.length - head - tail) + value.slice(value.length - tail);
}

export const maskPhone = (phone: string): string => maskMiddle(phone, 3, 4);
export const maskIdNumber = (id: string): string => {
  const normalized = normalizeIdNumber(id);
  return maskMiddle(normalized, Math.min(6, Math.floor(normalized.length / 3)), 4);
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643 resident ID: 18 characters, valid birth date, valid check digit. */
export function isValidResidentId(value: string): boolean {
  const id = normalizeIdNumber(value);
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const d = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birth) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return CHECK[sum % 11] === id[17];
}

/** The check character for the first 17 digits of a resident ID (used by seeds and tests). */
export function residentIdCheckChar(first17: string): string {
  return CHECK[WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0) % 11];
}
