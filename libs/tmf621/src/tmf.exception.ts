/** An error the TMF621 facade answers in the TMF630 Error shape; thrown by the facade's own checks. */
export class TmfException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'TmfException';
  }

  static badRequest(reason: string, message: string, code = 'INVALID_INPUT'): TmfException {
    return new TmfException(400, code, reason, message);
  }

  static notFound(id: string): TmfException {
    return new TmfException(404, 'NOT_FOUND', 'Not found', `TroubleTicket ${id} not found`);
  }
}
