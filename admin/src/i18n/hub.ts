// Labels of the console itself (menu, search, dashboards' frame). Each area adds its own.
export const hubMessages = {
  hub: {
    title: "Schul-IT-Steuerung",
    menu: { dashboard: "Übersicht" },
    reconnected: "Die Verbindung zum Hub ist wieder da; die Ansicht wurde neu geladen.",
    search: { placeholder: "Suchen …" },
    confirm: { cancel: "Abbrechen" },
    dashboard: {
      welcome: "Willkommen, %{name}",
      nothing: "Für Ihre Rolle gibt es hier noch keine Übersicht.",
    },
    roles: {
      ADMIN: "Administration",
      SERVICE_MANAGER: "Servicemanagement Schul-IT",
      PROVIDER_STAFF: "Technik (Dienstleister)",
      SCHOOL_IT_OFFICER: "Schul-IT-Verantwortliche(r)",
      STEERING_MEMBER: "Mitglied der Steuerungsgruppe",
      CONTROLLER: "Controlling",
      SCHOOL_CONTACT: "Schulkontakt",
    },
  },
};
