// The UTC calendar month or day of a record's timestamp, for the ledger and its roll-ups.

/**
 * `YYYY-MM` of an ISO-8601 timestamp, in UTC. Timestamps already in UTC (`…Z`, as the ledger stores them)
 * are read by their first seven characters, which keeps month roll-ups over 100,000 records cheap; any
 * other offset goes through a Date.
 */
export function monthOf(iso: string): string {
  if (iso.endsWith('Z') && iso[7] === '-') return iso.slice(0, 7);
  return new Date(iso).toISOString().slice(0, 7);
}

/** `YYYY-MM-DD` of an ISO-8601 timestamp, in UTC. */
export function dayOf(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}
