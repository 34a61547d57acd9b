// German texts of the mail settings and of the ADMIN's note on how mail leaves the hub.
export const mailMessages = {
  mail: {
    menu: { settings: "E-Mail-Benachrichtigungen" },
    settings: {
      title: "E-Mail-Benachrichtigungen",
      intro:
        "Wählen Sie, welche E-Mails der Hub Ihnen schickt. Ausgeschaltete Arten erhalten Sie nicht mehr.",
      saved: "Ihre Einstellung ist gespeichert.",
      loading: "Wird geladen …",
    },
    delivery: {
      noSmtp: "Kein SMTP-Server eingerichtet: E-Mails werden in %{folder} abgelegt.",
      howTo:
        "Für den Versand die Umgebungsvariable SMTP_URL setzen (z. B. smtp://benutzer:passwort@mail.example.org:587) und den Hub neu starten.",
      failed:
        "Eine E-Mail wurde vom Mailserver endgültig abgelehnt. |||| %{smart_count} E-Mails wurden vom Mailserver endgültig abgelehnt.",
    },
  },
};
