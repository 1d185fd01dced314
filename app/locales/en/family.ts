import type { Catalogue } from '../catalogue'
import type { family as zh } from '../zh/family'

export const family: Catalogue<typeof zh> = {
  title: 'My children',
}
