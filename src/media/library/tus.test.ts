import { describe, expect, it } from 'vitest';
import { ownsUpload, uploadIdFor } from './tus.ts';

describe('tus upload ids belong to the profile that made them', () => {
  const secret = Buffer.alloc(32, 3);
  it('the maker owns it; another profile, another secret or a changed id does not', () => {
    const id = uploadIdFor(secret, 'profile-a');
    expect(id).toMatch(/^[0-9a-f]{56}$/);
    expect(ownsUpload(secret, 'profile-a', id)).toBe(true);
    expect(ownsUpload(secret, 'profile-b', id)).toBe(false);
    expect(ownsUpload(Buffer.alloc(32, 4), 'profile-a', id)).toBe(false);
    expect(ownsUpload(secret, 'profile-a', `${id.slice(0, 55)}${id.endsWith('0') ? '1' : '0'}`)).toBe(false);
    expect(ownsUpload(secret, 'profile-a', '../../etc/passwd')).toBe(false);
  });
});
