// The one spelling of an e-mail address used everywhere it is compared or stored (allow-lists, sidecars,
// prefs.json, the index, sessions): trimmed and lower-cased, as Google and the environment may differ in case.

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
