/**
 * Base of every domain error. The stable `code` (e.g. `CHECKIN.NO_START`) is what the edges (`src/teams`,
 * `src/http`) map to user text or status codes; `message` is for logs only and never shown to users.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    // Keeps the subclass name in logs and stack traces instead of a generic "Error".
    this.name = new.target.name;
  }
}
