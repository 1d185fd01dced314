import type { Catalogue } from '../catalogue'
import type { roster as zh } from '../zh/roster'

export const roster: Catalogue<typeof zh> = {}
