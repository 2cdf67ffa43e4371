import { randomBytes } from 'node:crypto';
import {
  isValidResidentId,
  maskIdNumber,
  maskMiddle,
  maskPhone,
  normalizeIdNumber,
  PersonalDataCipher,
  residentIdCheckChar,
} from './personal-data.util';

/** ISO 7064 MOD 11-2 computed independently of the code under test: weights 2^(17-i) mod 11. */
function iso7064Check(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

describe('residentIdCheckChar', () => {
  it('matches the published GB 11643 example', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
  });

  it.each(['44010619900101123', '32050219851231001', '11010120000229987', '65010219700615456', '44030420121111000'])(
    'matches ISO 7064 MOD 11-2 for %s',
    (first17) => {
      expect(residentIdCheckChar(first17)).toBe(iso7064Check(first17));
    },
  );
});

describe('isValidResidentId', () => {
  const first17 = '44010619900101123';
  const valid = first17 + iso7064Check(first17);

  it('accepts an ID with a correct check character', () => {
    expect(isValidResidentId(valid)).toBe(true);
    expect(isValidResidentId('11010519491231002X')).toBe(true);
  });

  it('accepts a lower-case x and surrounding whitespace', () => {
    expect(isValidResidentId('11010519491231002x')).toBe(true);
    expect(isValidResidentId(`  ${valid}\n`)).toBe(true);
  });

  it('accepts a 29 February birth date in a leap year', () => {
    const f = '11010120000229987';
    expect(isValidResidentId(f + iso7064Check(f))).toBe(true);
  });

  it('rejects a wrong check character', () => {
    const wrong = iso7064Check(first17) === '0' ? '1' : '0';
    expect(isValidResidentId(first17 + wrong)).toBe(false);
    expect(isValidResidentId('110105194912310021')).toBe(false);
  });

  it('rejects a changed digit (check no longer matches)', () => {
    const tampered = `${valid.slice(0, 15)}${(Number(valid[15]) + 1) % 10}${valid.slice(16)}`;
    expect(isValidResidentId(tampered)).toBe(false);
  });

  it.each([
    ['19900230', 'February 30'],
    ['19900229', 'February 29 in a non-leap year'],
    ['19901301', 'month 13'],
    ['19900001', 'month 00'],
    ['19900100', 'day 00'],
    ['19900431', 'April 31'],
  ])('rejects birth date %s (%s) even with a matching check character', (birth) => {
    const f = `440106${birth}123`;
    expect(isValidResidentId(f + iso7064Check(f))).toBe(false);
  });

  it.each([
    ['too short', valid.slice(0, 17)],
    ['too long', `${valid}0`],
    ['an X before the end', `4401061990010112X${valid[17]}`],
    ['letters', 'ABCDEFGHIJKLMNOPQR'],
    ['15-digit legacy format', '440106900101123'],
    ['empty', ''],
  ])('rejects %s', (_label, id) => {
    expect(isValidResidentId(id)).toBe(false);
  });
});

describe('normalizeIdNumber', () => {
  it('trims and upper-cases', () => {
    expect(normalizeIdNumber('  11010519491231002x \t')).toBe('11010519491231002X');
  });
});

describe('masking', () => {
  it('masks a mobile number keeping 3 + 4 characters', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('masks a resident ID keeping 6 + 4 characters', () => {
    expect(maskIdNumber('440106199001011234')).toBe('440106********1234');
  });

  it('normalises the ID before masking', () => {
    expect(maskIdNumber('11010519491231002x')).toBe('110105********002X');
  });

  it('keeps fewer head characters for a short ID', () => {
    expect(maskIdNumber('AB1234567')).toBe('AB1**4567');
    expect(maskIdNumber('E12345678901')).toBe('E123****8901');
  });

  it('masks everything when the value is not longer than head + tail', () => {
    expect(maskPhone('1234567')).toBe('*******');
    expect(maskPhone('123')).toBe('***');
    expect(maskPhone('')).toBe('');
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskMiddle('abcd', 2, 2)).toBe('****');
  });

  it('masks the middle once the value is longer than head + tail', () => {
    expect(maskPhone('12345678')).toBe('123*5678');
    expect(maskMiddle('abcde', 2, 2)).toBe('ab*de');
    expect(maskMiddle('abcdefgh', 0, 3)).toBe('*****fgh');
  });

  it('never reveals the masked middle and keeps the length', () => {
    const value = '13899998888';
    const masked = maskPhone(value);
    expect(masked).toHaveLength(value.length);
    expect(masked.slice(3, 7)).toBe('****');
  });
});

describe('PersonalDataCipher', () => {
  const key = randomBytes(32);
  const cipher = new PersonalDataCipher(key);

  it('requires a 32-byte key', () => {
    expect(() => new PersonalDataCipher(randomBytes(16))).toThrow('PII key must be 32 bytes');
    expect(() => new PersonalDataCipher(randomBytes(31))).toThrow('PII key must be 32 bytes');
    expect(() => new PersonalDataCipher(randomBytes(33))).toThrow('PII key must be 32 bytes');
    expect(() => new PersonalDataCipher(Buffer.alloc(0))).toThrow('PII key must be 32 bytes');
  });

  describe('encrypt / decrypt', () => {
    it.each(['440106199001011234', '', '張三 · 广州市天河区', 'x'.repeat(1000)])('round-trips %p', (value) => {
      const stored = cipher.encrypt(value);
      expect(stored.startsWith('v1:')).toBe(true);
      expect(cipher.decrypt(stored)).toBe(value);
    });

    it('does not contain the plaintext', () => {
      const stored = cipher.encrypt('440106199001011234');
      expect(stored).not.toContain('440106199001011234');
      expect(Buffer.from(stored.slice(3), 'base64').toString('latin1')).not.toContain('440106199001011234');
    });

    it('gives different ciphertexts for the same input', () => {
      const a = cipher.encrypt('440106199001011234');
      const b = cipher.encrypt('440106199001011234');
      expect(a).not.toBe(b);
      expect(cipher.decrypt(a)).toBe(cipher.decrypt(b));
    });

    it('can be decrypted by another instance with the same key', () => {
      const stored = cipher.encrypt('secret');
      expect(new PersonalDataCipher(Buffer.from(key)).decrypt(stored)).toBe('secret');
    });

    it('cannot be decrypted with another key', () => {
      const stored = cipher.encrypt('secret');
      expect(() => new PersonalDataCipher(randomBytes(32)).decrypt(stored)).toThrow();
    });

    it.each([
      ['ciphertext', 30],
      ['auth tag', 14],
      ['iv', 0],
    ])('throws when the %s is tampered with', (_part, index) => {
      const stored = cipher.encrypt('440106199001011234');
      const raw = Buffer.from(stored.slice(3), 'base64');
      raw[index] ^= 0x01;
      expect(() => cipher.decrypt(`v1:${raw.toString('base64')}`)).toThrow();
    });

    it('throws when the ciphertext is truncated or extended', () => {
      const stored = cipher.encrypt('440106199001011234');
      const raw = Buffer.from(stored.slice(3), 'base64');
      expect(() => cipher.decrypt(`v1:${raw.subarray(0, raw.length - 1).toString('base64')}`)).toThrow();
      expect(() => cipher.decrypt(`v1:${Buffer.concat([raw, Buffer.from([0])]).toString('base64')}`)).toThrow();
    });

    it.each(['', 'v1:', 'v2:AAAA', 'plain text', '440106199001011234'])('throws on unknown encoding %p', (stored) => {
      expect(() => cipher.decrypt(stored)).toThrow('Unknown personal data encoding');
    });
  });

  describe('hash', () => {
    it('is a stable 64-character hex digest', () => {
      const h = cipher.hash('resident_id', '440106199001011234');
      expect(h).toMatch(/^[0-9a-f]{64}$/);
      expect(cipher.hash('resident_id', '440106199001011234')).toBe(h);
      expect(new PersonalDataCipher(Buffer.from(key)).hash('resident_id', '440106199001011234')).toBe(h);
    });

    it('ignores case and surrounding whitespace of the value', () => {
      expect(cipher.hash('resident_id', ' 11010519491231002x\n')).toBe(cipher.hash('resident_id', '11010519491231002X'));
      expect(cipher.hash('passport', 'e12345678')).toBe(cipher.hash('passport', 'E12345678'));
    });

    it('differs for different kinds of ID', () => {
      expect(cipher.hash('passport', 'E12345678')).not.toBe(cipher.hash('resident_id', 'E12345678'));
    });

    it('differs for different values', () => {
      expect(cipher.hash('resident_id', '440106199001011234')).not.toBe(cipher.hash('resident_id', '440106199001011235'));
    });

    it('depends on the key', () => {
      expect(new PersonalDataCipher(randomBytes(32)).hash('resident_id', '440106199001011234')).not.toBe(
        cipher.hash('resident_id', '440106199001011234'),
      );
    });
  });
});
