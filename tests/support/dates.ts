/** The day `days` from today (UTC), YYYY-MM-DD, as the forms, the API and the records take a date. */
export const daysFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
