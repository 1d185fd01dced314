import { randomInt } from 'node:crypto'

// No 0/O/o, 1/l/I: the password is read off a screen and typed in by someone else.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789'
const LENGTH = 12

/** A random initial password (about 69 bits), shown once to the admin who hands it over. */
export function generateOneTimePassword(): string {
  let password = ''
  for (let i = 0; i < LENGTH; i++) password += ALPHABET[randomInt(ALPHABET.length)]
  return password
}
