// The iCalendar object of an invitation (iTIP, RFC 5546): METHOD:REQUEST invites or updates,
// METHOD:CANCEL removes the entry. The UID is the one of the meeting's calendar feed and
// SEQUENCE its version, so a calendar app files a move or a cancellation under the entry it
// already has. Times are wall-clock times in Europe/Berlin with the zone's rules attached,
// as calendar apps show them to the people invited.
import { berlinWallClock } from "../../lib/dates.ts";
import { fold, icalText, icalTime, meetingUid } from "../governance/exports.ts";

export type CalendarMethod = "REQUEST" | "CANCEL";

export interface Person {
  name: string;
  address: string;
}

export interface InvitationEvent {
  meetingId: string;
  sequence: number;
  summary: string;
  start: Date;
  durationMinutes: number;
  location: string | null;
  description: string;
  attendees: Person[];
}

/** Europe/Berlin since 1996: summer time from the last Sunday of March to the last of October. */
const BERLIN_ZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Berlin",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

const berlinLocal = (instant: Date) => `TZID=Europe/Berlin:${berlinWallClock(instant).replace(/[-:]/g, "")}`;

const personLine = (property: string, person: Person, parameters = "") =>
  `${property};CN=${quotedParameter(person.name)}${parameters}:mailto:${person.address}`;

/** A parameter value with what would end it (quote, control characters) left out. */
function quotedParameter(value: string): string {
  return `"${value.replace(/["\p{Cc}]/gu, "")}"`;
}

/**
 * The calendar without its ORGANIZER: the organiser is the hub's sender address, which is
 * configuration the change's transaction does not carry; the sender adds it (withOrganizer).
 */
export function invitationCalendar(method: CalendarMethod, event: InvitationEvent, now = new Date()): string {
  const end = new Date(event.start.getTime() + event.durationMinutes * 60_000);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Schul-IT-Hub//Einladungen//DE",
    "CALSCALE:GREGORIAN",
    `METHOD:${method}`,
    ...BERLIN_ZONE,
    "BEGIN:VEVENT",
    `UID:${meetingUid(event.meetingId)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${icalTime(now)}`,
    `DTSTART;${berlinLocal(event.start)}`,
    `DTEND;${berlinLocal(end)}`,
    `SUMMARY:${icalText(event.summary)}`,
    ...(event.location ? [`LOCATION:${icalText(event.location)}`] : []),
    `DESCRIPTION:${icalText(event.description)}`,
    `STATUS:${method === "CANCEL" ? "CANCELLED" : "CONFIRMED"}`,
    ...event.attendees.map((person) =>
      personLine("ATTENDEE", person, ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE"),
    ),
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

/** Adds the organiser to every event of a calendar written by invitationCalendar. */
export function withOrganizer(calendar: string, organizer: Person): string {
  const line = fold(personLine("ORGANIZER", organizer));
  return calendar.replace(/\r\nEND:VEVENT\r\n/g, `\r\n${line}\r\nEND:VEVENT\r\n`);
}
