// German texts of the provider-wide view.
export const providerMessages = {
  provider: {
    menu: { overview: "Dienstleister-Übersicht" },
    overview: {
      title: "Dienstleister-Übersicht",
      intro:
        "Alle Schulträger des Dienstleisters nebeneinander: Personentage der beauftragten Servicescheine, Ausschöpfung gegen die abgelaufene Laufzeit, Ertüchtigung, Eskalationen und Zufriedenheit.",
      year: "Jahr",
      authority: "Schulträger",
      totals: "Summe",
      contracted: "Vertragsvolumen",
      consumed: "Verbraucht",
      utilization: "Ausschöpfung",
      elapsed: "Laufzeit",
      schools: "Schulen ertüchtigt",
      openEscalations: "Offene Eskalationen",
      overdueEscalations: "Davon überfällig",
      reviewedWithinTarget: "Prüfung im Ziel",
      satisfaction: "Zufriedenheit",
      utilizationOf: "%{utilization} nach %{elapsed} der Laufzeit",
      chartOf: "Verteilung: %{column}",
      sortBy: "Nach %{column} sortieren",
      none: "Keine Schulträger.",
      error: "Die Übersicht konnte nicht geladen werden: %{message}",
    },
  },
};
