export const seasons = {}
