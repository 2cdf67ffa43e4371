import { hashPassword, verifyPassword } from './password.util';

describe('password hashing', () => {
  let stored: string;
  beforeAll(async () => {
    stored = await hashPassword('correct horse battery staple');
  });

  it('produces a self-describing scrypt$N$salt$hash string', () => {
    const parts = stored.split('$');
    expect(parts).toHaveLength(4);
    expect(parts[0]).toBe('scrypt');
    expect(parts[1]).toBe('16384');
    expect(Buffer.from(parts[2], 'base64')).toHaveLength(16);
    expect(Buffer.from(parts[3], 'base64')).toHaveLength(32);
    expect(stored).not.toContain('correct horse');
  });

  it('verifies the right password', async () => {
    await expect(verifyPassword('correct horse battery staple', stored)).resolves.toBe(true);
  });

  it.each(['wrong', '', 'correct horse battery staplE', 'correct horse battery staple '])('rejects the wrong password %p', async (password) => {
    await expect(verifyPassword(password, stored)).resolves.toBe(false);
  });

  it('salts: the same password hashes differently each time, and both verify', async () => {
    const again = await hashPassword('correct horse battery staple');
    expect(again).not.toBe(stored);
    expect(again.split('$')[2]).not.toBe(stored.split('$')[2]);
    await expect(verifyPassword('correct horse battery staple', again)).resolves.toBe(true);
  });

  it('handles unicode passwords', async () => {
    const h = await hashPassword('密碼-パスワード-🔑');
    await expect(verifyPassword('密碼-パスワード-🔑', h)).resolves.toBe(true);
    await expect(verifyPassword('密码-パスワード-🔑', h)).resolves.toBe(false);
  });

  it('rejects a hash whose stored key was altered', async () => {
    const [scheme, n, salt, hash] = stored.split('$');
    const raw = Buffer.from(hash, 'base64');
    raw[0] ^= 0x01;
    await expect(verifyPassword('correct horse battery staple', [scheme, n, salt, raw.toString('base64')].join('$'))).resolves.toBe(false);
  });

  it('rejects a hash whose salt was altered', async () => {
    const [scheme, n, salt, hash] = stored.split('$');
    const raw = Buffer.from(salt, 'base64');
    raw[0] ^= 0x01;
    await expect(verifyPassword('correct horse battery staple', [scheme, n, raw.toString('base64'), hash].join('$'))).resolves.toBe(false);
  });

  it.each([
    ['empty string', () => ''],
    ['plain text', () => 'correct horse battery staple'],
    ['another scheme', (s: string) => s.replace(/^scrypt/, 'bcrypt')],
    ['missing hash', (s: string) => s.split('$').slice(0, 3).join('$')],
    ['empty salt', (s: string) => { const p = s.split('$'); p[2] = ''; return p.join('$'); }],
    ['empty hash', (s: string) => { const p = s.split('$'); p[3] = ''; return p.join('$'); }],
    ['truncated hash', (s: string) => { const p = s.split('$'); p[3] = p[3].slice(0, 8); return p.join('$'); }],
    ['bcrypt-looking', () => '$2b$10$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyzABCDE'],
  ])('returns false for a malformed stored hash (%s)', async (_label, make) => {
    await expect(verifyPassword('correct horse battery staple', make(stored))).resolves.toBe(false);
  });
});
