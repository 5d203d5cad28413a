// Money and calendar helpers shared by the ledger and its roll-ups: USD kept as integer micro-dollars so
// sums over many images carry no float drift, and the UTC calendar month or day of a timestamp.

export function toMicro(usd: number): number {
  return Math.round(usd * 1_000_000);
}

export function fromMicro(micro: number): number {
  return micro / 1_000_000;
}

/** `YYYY-MM` of an ISO-8601 timestamp, in UTC. */
export function monthOf(iso: string): string {
  return new Date(iso).toISOString().slice(0, 7);
}

/** `YYYY-MM-DD` of an ISO-8601 timestamp, in UTC. */
export function dayOf(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}
