import { createHash, randomBytes } from 'node:crypto';

/** Every key starts with this, so a leaked key is recognisable in logs, scanners and support tickets. */
export const API_KEY_PREFIX = 'qk_';
/** 32 random bytes = 256 bits of entropy, far beyond the 128 bits that make guessing hopeless. */
const KEY_BYTES = 32;
/** Characters of a key kept in clear for `keys list`: the prefix and 8 of its random characters (48 bits). */
const SHOWN_CHARACTERS = API_KEY_PREFIX.length + 8;

/** A fresh API key: `qk_` followed by 43 base64url characters from the operating system's CSPRNG. */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(KEY_BYTES).toString('base64url');
}

/**
 * The stored form of a key: its SHA-256 in hex. A slow password hash (bcrypt, scrypt) protects low-entropy secrets
 * people choose; these keys are 256 random bits, so a stolen hash cannot be reversed by brute force whatever the
 * hash's speed, and a fast hash lets every request look its key up by an indexed equality instead of trying each
 * stored hash in turn.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The part of a key that may be shown again (in `keys list`) to tell keys apart. */
export function shownPrefix(key: string): string {
  return key.slice(0, SHOWN_CHARACTERS);
}

/** Well-formed keys only: anything else is rejected before touching storage. */
export function looksLikeApiKey(text: string): boolean {
  return /^qk_[A-Za-z0-9_-]{43}$/.test(text);
}
