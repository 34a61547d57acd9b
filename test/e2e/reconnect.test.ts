// A rolling update as a person at the console sees it: the hub restarts (SIGTERM, closing the
// WebSocket with 1012), the console reconnects by itself, reloads what it shows, and is live again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, startConsole } from "./harness.ts";

let hub: Console;
beforeAll(async () => {
  hub = await startConsole();
});
afterAll(() => hub?.close());

const SERVICE_MANAGER = "servicemanager@ksm.example";
const STEERING_MEMBER = "schulverwaltung@schwerin.example";
const RECORD = "mutation ($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }";

async function draftMeetingId(): Promise<string> {
  const data = await hub.gql<{
    schoolAuthorities: {
      name: string;
      meetings: { edges: { node: { id: string; status: string; minutesStatus: string } }[] };
    }[];
  }>(
    SERVICE_MANAGER,
    `{ schoolAuthorities { name meetings(first: 50, from: "${new Date().toISOString()}") {
      edges { node { id status minutesStatus } } } } }`,
  );
  const schwerin = data.schoolAuthorities.find((a) => a.name === "Landeshauptstadt Schwerin");
  const meeting = schwerin?.meetings.edges
    .map((e) => e.node)
    .find((m) => m.status === "SCHEDULED" && m.minutesStatus === "DRAFT");
  if (!meeting) throw new Error("no draft meeting in the demo data");
  return meeting.id;
}

describe("a restart of the hub", () => {
  it("is survived by an open console: it reconnects, reloads and stays live", async () => {
    const page = await hub.signIn(STEERING_MEMBER);
    let subscriptions = 0;

    page.on("websocket", (socket) =>
      socket.on("framesent", (frame) => {
        if (String(frame.payload).includes("decisionUpdated")) subscriptions++;
      }),
    );
    await page.goto(
      `${hub.url}/#/decisions?filter=${encodeURIComponent(JSON.stringify({ status: ["PROPOSED"] }))}`,
    );
    await page.getByRole("columnheader", { name: "Titel" }).waitFor();
    await expect.poll(() => subscriptions, { timeout: 10_000 }).toBe(1);

    await hub.restart();

    const meetingId = await draftMeetingId();
    // Recorded while the console is still reconnecting: no event reaches it, the reload shows it.
    const missed = `Während des Neustarts ${Date.now()}`;
    await hub.gql(SERVICE_MANAGER, RECORD, {
      input: { meetingId, title: missed, text: "Beim Neustart erfasst." },
    });
    await page.getByText("Die Verbindung zum Hub ist wieder da").waitFor({ timeout: 30_000 });
    await page.getByText(missed).waitFor({ timeout: 10_000 });
    await expect.poll(() => subscriptions, { timeout: 10_000 }).toBe(2);

    const live = `Nach dem Neustart ${Date.now()}`;
    await hub.gql(SERVICE_MANAGER, RECORD, { input: { meetingId, title: live, text: "Live erfasst." } });
    await page.getByText(live).waitFor({ timeout: 5_000 });
  });
});
