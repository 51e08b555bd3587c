/** Process exit codes of the `gcdial` command, one per way a run can end. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  invalidAddress: 3,
  authentication: 4,
  permission: 5,
  rateLimited: 6,
  outcomeUnknown: 7,
  notFound: 8,
  serverOrConnection: 9,
  /** Stopped by Ctrl-C, as shells report a process ended by SIGINT (128 + 2). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
