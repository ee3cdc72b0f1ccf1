// Business times come from the backend as RFC 3339 text in China Standard Time (+08:00), and are
// shown as written there, whatever zone the PC is set to. Times typed into forms go back as CST
// wall-clock text (YYYY-MM-DDTHH:mm), which the backend reads as CST.
import type { Dayjs } from 'dayjs';

/** "2026-10-10 17:30" */
export const cstDateTime = (rfc3339: string) => rfc3339.slice(0, 16).replace('T', ' ');

/** "2026-10-10" */
export const cstDate = (rfc3339: string) => rfc3339.slice(0, 10);

/** A picked date and time as the CST wall-clock text the backend expects. */
export const wallClock = (value: Dayjs) => value.format('YYYY-MM-DDTHH:mm');
