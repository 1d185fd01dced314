import type { Catalogue } from '../catalogue'
import type { activities as zh } from '../zh/activities'

export const activities: Catalogue<typeof zh> = {}
