// Each person's choice of mail: every kind is sent unless the person turned it off.
import type { Access } from "../../access/index.ts";
import type { Tx } from "../../db/client.ts";
import type { MailKind } from "../../db/generated/client/enums.ts";
import type { Work } from "../work.ts";
import { MAIL_KINDS } from "./outbox.ts";

export interface MailSettingValue {
  kind: MailKind;
  enabled: boolean;
}

/** The viewer's setting for every kind, in a fixed order. */
export async function mailSettingsOf(db: Tx, access: Access): Promise<MailSettingValue[]> {
  const user = access.requireUser();
  const rows = await db.mailSetting.findMany({ where: { userId: user.id } });
  return MAIL_KINDS.map((kind) => ({ kind, enabled: rows.find((r) => r.kind === kind)?.enabled ?? true }));
}

/** People change only their own settings; a change is audited on the person. */
export async function setMailSetting({ tx, access, audit }: Work, input: MailSettingValue) {
  const user = access.requireUser();
  const key = { userId_kind: { userId: user.id, kind: input.kind } };
  const was = (await tx.mailSetting.findUnique({ where: key }))?.enabled ?? true;
  if (was === input.enabled) return input;
  await tx.mailSetting.upsert({
    where: key,
    create: { userId: user.id, kind: input.kind, enabled: input.enabled },
    update: { enabled: input.enabled },
  });
  audit({
    authorityId: user.authorityId,
    objectType: "User",
    objectId: user.id,
    action: "MAIL_SETTING",
    changes: { [input.kind]: [was, input.enabled] },
  });
  return input;
}
