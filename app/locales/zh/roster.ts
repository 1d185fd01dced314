export const roster = {}
