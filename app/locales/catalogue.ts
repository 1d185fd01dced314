/** The English catalogue must have exactly the keys of the Chinese one (checked by tsc and a unit test). */
export type Catalogue<T> = { [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> }
