/** The one vocabulary of domain errors; `statusOf` maps it to HTTP in one place. */

export interface FieldIssue {
  /** The form field or JSON property the message is about, e.g. "dateOfBirth". */
  field: string;
  message: string;
}

export class DomainError extends Error {
  /** A machine-readable reason, added to the API's error body, e.g. "second-factor-required". */
  code?: string;
}

export class NotFound extends DomainError {
  constructor(message = "Not found") {
    super(message);
  }
}

export class Forbidden extends DomainError {
  constructor(message = "You do not have permission to do that") {
    super(message);
  }
}

export class Unauthenticated extends DomainError {
  constructor(message = "Sign in to continue", code?: string) {
    super(message);
    if (code) this.code = code;
  }
}

export class Invalid extends DomainError {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((issue) => issue.message).join("; "));
  }
}

/** Someone else saved first; `current` is what is stored now, so the user can compare and choose. */
export class Conflict extends DomainError {
  constructor(
    message: string,
    readonly current?: unknown,
  ) {
    super(message);
  }
}

export class TooManyRequests extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export function statusOf(error: unknown): number {
  if (error instanceof NotFound) return 404;
  if (error instanceof Forbidden) return 403;
  if (error instanceof Unauthenticated) return 401;
  if (error instanceof Invalid) return 400;
  if (error instanceof Conflict) return 409;
  if (error instanceof TooManyRequests) return 429;
  return 500;
}
