import { Transform } from 'node:stream'

/**
 * React 18's streaming renderer fills 2,048-byte buffers and flushes them whole even when a
 * multi-byte character (all of Chinese) did not fit, leaving NUL bytes at the end of the chunk
 * (facebook/react#26228, fixed only in React 19). HTML never carries NUL, so they are dropped.
 */
export function withoutTrailingNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      let end = chunk.length
      while (end > 0 && chunk[end - 1] === 0) end--
      callback(null, end === chunk.length ? chunk : chunk.subarray(0, end))
    },
  })
}
