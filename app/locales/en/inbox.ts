import type { Catalogue } from '../catalogue'
import type { inbox as zh } from '../zh/inbox'

export const inbox: Catalogue<typeof zh> = {}
