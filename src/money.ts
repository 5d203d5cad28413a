// Amounts of US dollars. Sums are kept in integer micro-dollars so that adding up many images carries no
// float drift. One way to show an amount, for the dashboard, the tools and the help text: at least three
// decimals so amounts line up in columns, and a fourth when it matters, so that a list price such as
// Nano Banana 2.1's $0.0336 per image is shown exactly rather than rounded. Pure.

export function toMicro(usd: number): number {
  return Math.round(usd * 1_000_000);
}

export function fromMicro(micro: number): number {
  return micro / 1_000_000;
}

const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 3,
  maximumFractionDigits: 4,
});

/** `$0.067`, `$0.0336`, `$12.500`. */
export function formatUsd(value: number): string {
  return usd.format(value);
}

const usdTenthCent = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 3,
  maximumFractionDigits: 3,
});

/** Rounded to a tenth of a cent, for pages shown to anyone (the share page): `$0.034`. */
export function formatUsdTenthCent(value: number): string {
  return usdTenthCent.format(value);
}
