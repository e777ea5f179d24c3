/** A day in milliseconds: every horizon counted in days (RETENTION_DAYS, link lifetimes, day numbers) is counted with it. */
export const DAY_MS = 86_400_000;
