import { DomainError } from '../shared/errors';

/** Every safety-round error code, so the edges can map them exhaustively to user text. */
export const SAFETY_ERROR_CODES = {
  notAdmin: 'ROUND.NOT_ADMIN',
  roundNotFound: 'ROUND.NOT_FOUND',
  emptyScope: 'ROUND.EMPTY_SCOPE',
} as const;
export type SafetyErrorCode = (typeof SAFETY_ERROR_CODES)[keyof typeof SAFETY_ERROR_CODES];

export class NotAdminError extends DomainError {
  readonly code = SAFETY_ERROR_CODES.notAdmin;
  constructor() {
    super('only admins may start, extend or close safety rounds');
  }
}
export class RoundNotFoundError extends DomainError {
  readonly code = SAFETY_ERROR_CODES.roundNotFound;
  constructor(readonly roundId: string) {
    super(`round ${roundId} not found, or you are not part of it`);
  }
}
export class EmptyScopeError extends DomainError {
  readonly code = SAFETY_ERROR_CODES.emptyScope;
  constructor() {
    super('the chosen scope selects nobody');
  }
}
