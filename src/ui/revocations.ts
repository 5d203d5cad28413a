// Sessions ended by "Sign out" before their expiry. Session cookies are stateless, so a copied cookie
// would otherwise outlive the logout; this in-memory list closes that gap until the session would have
// expired anyway (a restart forgets it, which the short session lifetime bounds).

export interface RevocationList {
  revoke(sessionId: string, expiresAt: number): void;
  isRevoked(sessionId: string): boolean;
}

export function createRevocationList(clock: () => number = Date.now): RevocationList {
  const ended = new Map<string, number>();
  const prune = (): void => {
    const now = Math.floor(clock() / 1000);
    for (const [id, expiresAt] of ended) if (expiresAt <= now) ended.delete(id);
  };
  return {
    revoke(sessionId, expiresAt) {
      prune();
      ended.set(sessionId, expiresAt);
    },
    isRevoked: (sessionId) => ended.has(sessionId),
  };
}
