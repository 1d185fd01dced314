import { text } from 'node:stream/consumers'
import { describe, expect, it } from 'vitest'
import { withoutTrailingNulBytes } from '~/utils/html-stream.server'

async function through(chunks: Buffer[]): Promise<string> {
  const stream = withoutTrailingNulBytes()
  const result = text(stream)
  for (const chunk of chunks) stream.write(chunk)
  stream.end()
  return result
}

describe('withoutTrailingNulBytes', () => {
  it('drops the unwritten tail of a buffer that a Chinese character did not fit in', async () => {
    const first = Buffer.concat([Buffer.from('<p>不能停用自己的'), Buffer.alloc(2)])
    const second = Buffer.from('账号。</p>')
    expect(await through([first, second])).toBe('<p>不能停用自己的账号。</p>')
  })

  it('leaves chunks without NUL bytes alone', async () => {
    expect(await through([Buffer.from('四季'), Buffer.from(' Siji')])).toBe('四季 Siji')
  })
})
