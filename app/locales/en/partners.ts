import type { Catalogue } from '../catalogue'
import type { partners as zh } from '../zh/partners'

export const partners: Catalogue<typeof zh> = {}
