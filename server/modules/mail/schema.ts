// Mail in the API: each person's choice of mail, and for the ADMIN how mail leaves the hub.
import { MailKind } from "../../db/generated/client/enums.ts";
import { builder } from "../../graphql/builder.ts";
import { MAIL_KIND_DESCRIPTION } from "./outbox.ts";
import { deliveryOf } from "./sender.ts";
import { type MailSettingValue, mailSettingsOf, setMailSetting } from "./settings.ts";

const MailKindEnum = builder.enumType(MailKind, {
  name: "MailKind",
  description: "The kinds of mail the hub sends, each of which a person may turn off.",
});

const MailSettingRef = builder.objectRef<MailSettingValue>("MailSetting").implement({
  description: "Whether the viewer gets one kind of mail.",
  fields: (t) => ({
    kind: t.expose("kind", { type: MailKindEnum }),
    enabled: t.exposeBoolean("enabled"),
    description: t.string({
      description: "What this kind of mail is, in German, as the console shows it.",
      resolve: (setting) => MAIL_KIND_DESCRIPTION[setting.kind],
    }),
  }),
});

const MailDeliveryRef = builder
  .objectRef<{ smtp: boolean; folder: string | null; pending: number; failed: number }>("MailDelivery")
  .implement({
    description: "How mail leaves the hub, and what waits in its outbox.",
    fields: (t) => ({
      smtp: t.exposeBoolean("smtp", { description: "Whether an SMTP server is configured (SMTP_URL)." }),
      folder: t.exposeString("folder", {
        nullable: true,
        description: "Without an SMTP server: the folder on the server where mail is written as .eml files.",
      }),
      pending: t.exposeInt("pending", {
        description: "Mail waiting to be sent, including mail being retried.",
      }),
      failed: t.exposeInt("failed", { description: "Mail the recipient's server refused for good." }),
    }),
  });

builder.queryFields((t) => ({
  myMailSettings: t.field({
    type: [MailSettingRef],
    description: "The viewer's choice for every kind of mail.",
    authScopes: { signedIn: true },
    resolve: (_root, _args, ctx) => mailSettingsOf(ctx.db.read, ctx.access),
  }),
  mailDelivery: t.field({
    type: MailDeliveryRef,
    authScopes: { role: "ADMIN" },
    resolve: async (_root, _args, ctx) => {
      const [pending, failed] = await Promise.all([
        ctx.db.read.mailOutbox.count({ where: { state: "PENDING" } }),
        ctx.db.read.mailOutbox.count({ where: { state: "FAILED" } }),
      ]);
      return { ...deliveryOf(ctx.config), pending, failed };
    },
  }),
}));

builder.mutationFields((t) => ({
  setMailSetting: t.field({
    type: MailSettingRef,
    description: "Turns one kind of mail on or off for the viewer.",
    authScopes: { signedIn: true },
    args: {
      kind: t.arg({ type: MailKindEnum, required: true }),
      enabled: t.arg.boolean({ required: true }),
    },
    resolve: (_root, args, ctx) => ctx.run(setMailSetting, { kind: args.kind, enabled: args.enabled }),
  }),
}));
