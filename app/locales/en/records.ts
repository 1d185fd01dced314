import type { Catalogue } from '../catalogue'
import type { records as zh } from '../zh/records'

export const records: Catalogue<typeof zh> = {}
