/**
 * Known errors: one sentence that names the input and the place. The CLI
 * prints them without a stack (unless CAPLINT_DEBUG=1) and exits 2.
 */
export interface Place {
  readonly file: string;
  readonly line?: number | null;
  readonly column?: number | null;
}

export class CaplintError extends Error {
  readonly place: Place | undefined;
  constructor(message: string, place?: Place) {
    super(message);
    this.name = 'CaplintError';
    this.place = place;
  }
}

/** Bad command-line usage. */
export class UsageError extends CaplintError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function formatPlace(place: Place | undefined): string {
  if (!place) return '';
  if (place.line == null) return `${place.file}: `;
  return `${place.file}:${place.line}:${place.column ?? 1}: `;
}

export function describeError(error: unknown): string {
  if (error instanceof CaplintError) return `${formatPlace(error.place)}${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * A user-supplied file or stream that caplint will not read (a device, a
 * socket, over the byte limit, a FIFO past its time limit). The message is
 * a clause that reads after "cannot read X: ".
 */
export class ReadRefused extends Error {
  constructor(message: string, readonly reason: 'too-large' | 'not-a-file' | 'timeout') {
    super(message);
    this.name = 'ReadRefused';
  }
}

/** The sentence for an fs error, without Node's syscall prefix. */
export function describeFsError(error: unknown): string {
  if (error instanceof ReadRefused) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENXIO': return 'it is a socket or a device, not a file (caplint reads regular files, pipes and FIFOs)';
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ELOOP': return 'too many levels of symbolic links';
    case 'ENOTDIR': return 'a path component is not a directory';
    default: return error instanceof Error ? error.message : String(error);
  }
}
