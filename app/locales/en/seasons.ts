import type { Catalogue } from '../catalogue'
import type { seasons as zh } from '../zh/seasons'

export const seasons: Catalogue<typeof zh> = {}
