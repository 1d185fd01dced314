import type { Catalogue } from '../catalogue'
import type { reports as zh } from '../zh/reports'

export const reports: Catalogue<typeof zh> = {}
