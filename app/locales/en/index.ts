import type { Catalogue } from '../catalogue'
import type { zh } from '../zh/index'
import { common } from './common'
import { school } from './school'

export const en: Catalogue<typeof zh> = { ...common, school }
