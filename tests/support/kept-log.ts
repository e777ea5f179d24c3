import type { LogFields, Logger } from '../../shared/log.ts';

/**
 * A logger that keeps the warnings and errors it is told, so a test can see what a run met
 * (a write that really overtook another, a retry) without reading the process's output.
 */
export function keptLog(): {
  log: Logger;
  events: (name: string) => { event: string; fields?: LogFields }[];
} {
  const kept: { event: string; fields?: LogFields }[] = [];
  const keep = (event: string, fields?: LogFields) => {
    kept.push({ event, ...(fields ? { fields } : {}) });
  };
  return {
    log: { info: () => undefined, warn: keep, error: keep },
    events: (name) => kept.filter((entry) => entry.event === name),
  };
}

/** A logger that keeps only the errors it is told, each with its fields, in order. */
export function errorLog(): { log: Logger; errors: { event: string; fields: LogFields }[] } {
  const errors: { event: string; fields: LogFields }[] = [];
  const log: Logger = {
    info: () => {},
    warn: () => {},
    error: (event, fields = {}) => errors.push({ event, fields }),
  };
  return { log, errors };
}
