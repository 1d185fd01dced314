/** `%`, `_` and the escape character itself match literally in a LIKE pattern with ESCAPE '\\'. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

// Stays well below SQLite's and PostgreSQL's limits on bound parameters per statement.
const CHUNK = 500

/** Splits a long list of values into parts small enough for one statement each. */
export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
