// A catalog location (RADOME_CATALOG) is a SQLite file path or a PostgreSQL URL; this is how the
// two are told apart, by config (which resolves only paths) and by the engine picker alike.

/** True for `postgres://…` and `postgresql://…` locations (what libpq and `pg` accept). */
export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}
