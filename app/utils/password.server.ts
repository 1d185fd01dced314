import { hash, verify } from '@node-rs/argon2'

/** OWASP's Argon2id parameters: 19 MiB memory, 2 iterations, 1 lane (the library's default algorithm is Argon2id). */
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 }

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS)
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false)
}
