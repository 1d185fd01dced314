import { common } from './common'
import { school } from './school'

export const zh = { ...common, school }
