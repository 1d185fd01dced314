import type { Catalogue } from '../catalogue'
import type { notices as zh } from '../zh/notices'

export const notices: Catalogue<typeof zh> = {}
