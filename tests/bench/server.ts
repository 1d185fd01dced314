/**
 * Siji as `npm start` runs it, with the bench probe (probe.ts) mounted: the entry `npm run bench`
 * starts, so that the probe stays out of the server production runs.
 */
import { main } from '../../server'
import { benchProbe, probeListener } from './probe'

await main({ middleware: benchProbe, wrapListener: probeListener })
