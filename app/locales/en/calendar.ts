import type { Catalogue } from '../catalogue'
import type { calendar as zh } from '../zh/calendar'

export const calendar: Catalogue<typeof zh> = {}
