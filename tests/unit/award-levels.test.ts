import { describe, expect, it } from 'vitest'
import { levelLabel, levelsOf, STANDARD_LEVELS } from '~/domain/award-levels'

describe('award levels', () => {
  it('are the standard five unless a contest names its own', () => {
    expect(levelsOf(null)).toEqual([...STANDARD_LEVELS])
    expect(levelsOf(JSON.stringify(['最佳风采奖', '最具感染力奖']))).toEqual(['最佳风采奖', '最具感染力奖'])
  })

  it('fall back to the standard ones when the stored list is damaged or empty', () => {
    expect(levelsOf('not json')).toEqual([...STANDARD_LEVELS])
    expect(levelsOf('[]')).toEqual([...STANDARD_LEVELS])
    expect(levelsOf(JSON.stringify(['', 3]))).toEqual([...STANDARD_LEVELS])
  })

  it('name a standard level from the catalogue and a custom one as written', () => {
    const t = (key: string) => `<${key}>`
    expect(levelLabel('first', t)).toBe('<awards.levels.first>')
    expect(levelLabel('最佳风采奖', t)).toBe('最佳风采奖')
  })
})
