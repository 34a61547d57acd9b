import type { TranslationMessages } from "ra-core";

/**
 * German translation of react-admin 5's built-in messages (keys mirror `ra-language-english`).
 *
 * Conventions: Sie-form; "Eintrag" for a record; "Erstellen" for create; placeholders and `||||`
 * plural separators as in English (polyglot: first form for 1, second for every other count).
 *
 * react-admin passes resource names into `%{name}` lower-cased (`humanize(..., true)`), which is wrong
 * for German nouns; resources should define `resources.<name>.forcedCaseName` to keep the capital.
 * For the same reason `ra.sort.sort_by` uses `%{field}` (which react-admin passes alongside
 * `%{field_lower_first}`) instead of the lower-cased variant.
 */
export const raGermanMessages: TranslationMessages = {
  ra: {
    action: {
      add_filter: "Filter hinzufügen",
      add: "Hinzufügen",
      back: "Zurück",
      bulk_actions: "1 Eintrag ausgewählt |||| %{smart_count} Einträge ausgewählt",
      cancel: "Abbrechen",
      clear_array_input: "Liste leeren",
      clear_input_value: "Eingabe löschen",
      clone: "Duplizieren",
      confirm: "Bestätigen",
      create: "Erstellen",
      create_item: "%{item} erstellen",
      delete: "Löschen",
      edit: "Bearbeiten",
      export: "Exportieren",
      list: "Liste",
      refresh: "Neu laden",
      remove_filter: "Diesen Filter entfernen",
      remove_all_filters: "Alle Filter entfernen",
      remove: "Entfernen",
      reset: "Zurücksetzen",
      save: "Speichern",
      search: "Suchen",
      search_columns: "Spalten durchsuchen",
      select_all: "Alle auswählen",
      select_all_button: "Alle auswählen",
      select_row: "Diese Zeile auswählen",
      show: "Anzeigen",
      sort: "Sortieren",
      undo: "Rückgängig",
      unselect: "Auswahl aufheben",
      expand: "Aufklappen",
      close: "Schließen",
      open_menu: "Menü öffnen",
      close_menu: "Menü schließen",
      update: "Aktualisieren",
      move_up: "Nach oben verschieben",
      move_down: "Nach unten verschieben",
      open: "Öffnen",
      toggle_theme: "Hell-/Dunkelmodus umschalten",
      select_columns: "Spalten",
      update_application: "Anwendung neu laden",
    },
    boolean: {
      true: "Ja",
      false: "Nein",
      null: " ",
    },
    page: {
      create: "%{name} erstellen",
      dashboard: "Übersicht",
      edit: "%{name} %{recordRepresentation}",
      error: "Es ist ein Fehler aufgetreten",
      list: "%{name}",
      loading: "Wird geladen",
      not_found: "Nicht gefunden",
      show: "%{name} %{recordRepresentation}",
      empty: "Noch keine %{name} vorhanden.",
      invite: "Möchten Sie einen neuen Eintrag erstellen?",
      access_denied: "Zugriff verweigert",
      authentication_error: "Authentifizierungsfehler",
    },
    input: {
      file: {
        upload_several: "Ziehen Sie Dateien zum Hochladen hierher oder klicken Sie, um eine auszuwählen.",
        upload_single: "Ziehen Sie eine Datei zum Hochladen hierher oder klicken Sie, um sie auszuwählen.",
      },
      image: {
        upload_several: "Ziehen Sie Bilder zum Hochladen hierher oder klicken Sie, um eines auszuwählen.",
        upload_single: "Ziehen Sie ein Bild zum Hochladen hierher oder klicken Sie, um es auszuwählen.",
      },
      references: {
        all_missing: "Die verknüpften Daten konnten nicht gefunden werden.",
        many_missing: "Mindestens einer der verknüpften Einträge ist offenbar nicht mehr verfügbar.",
        single_missing: "Der verknüpfte Eintrag ist offenbar nicht mehr verfügbar.",
      },
      password: {
        toggle_visible: "Passwort ausblenden",
        toggle_hidden: "Passwort anzeigen",
      },
    },
    message: {
      about: "Info",
      access_denied: "Sie haben keine Berechtigung, diese Seite aufzurufen.",
      are_you_sure: "Sind Sie sicher?",
      authentication_error:
        "Der Authentifizierungsserver hat einen Fehler gemeldet, Ihre Anmeldedaten konnten nicht geprüft werden.",
      auth_error: "Beim Prüfen des Authentifizierungstokens ist ein Fehler aufgetreten.",
      bulk_delete_content:
        "Möchten Sie diesen Eintrag (%{name}) wirklich löschen? |||| Möchten Sie diese %{smart_count} Einträge wirklich löschen?",
      bulk_delete_title: "%{name} löschen |||| %{smart_count} %{name} löschen",
      bulk_update_content:
        "Möchten Sie %{name} %{recordRepresentation} wirklich aktualisieren? |||| Möchten Sie diese %{smart_count} Einträge wirklich aktualisieren?",
      bulk_update_title:
        "%{name} %{recordRepresentation} aktualisieren |||| %{smart_count} %{name} aktualisieren",
      clear_array_input: "Möchten Sie die gesamte Liste wirklich leeren?",
      delete_content: "Möchten Sie diesen Eintrag (%{name}) wirklich löschen?",
      delete_title: "%{name} %{recordRepresentation} löschen",
      details: "Details",
      error: "Es ist ein Anwendungsfehler aufgetreten, Ihre Anfrage konnte nicht abgeschlossen werden.",
      invalid_form: "Das Formular ist nicht gültig. Bitte prüfen Sie Ihre Eingaben.",
      loading: "Bitte warten",
      no: "Nein",
      not_found: "Die Adresse ist falsch eingegeben oder der aufgerufene Link ist ungültig.",
      select_all_limit_reached:
        "Es gibt zu viele Einträge, um alle auszuwählen. Es wurden nur die ersten %{max} Einträge ausgewählt.",
      unsaved_changes:
        "Einige Ihrer Änderungen wurden nicht gespeichert. Möchten Sie diese Änderungen wirklich verwerfen?",
      yes: "Ja",
      placeholder_data_warning: "Netzwerkproblem: Die Daten konnten nicht aktualisiert werden.",
    },
    navigation: {
      clear_filters: "Filter zurücksetzen",
      no_filtered_results: "Mit den aktuellen Filtern wurden keine %{name} gefunden.",
      no_results: "Keine %{name} gefunden",
      no_more_results:
        "Die Seite %{page} liegt außerhalb des gültigen Bereichs. Versuchen Sie es mit der vorherigen Seite.",
      page_out_of_boundaries: "Seite %{page} liegt außerhalb des gültigen Bereichs",
      page_out_from_end: "Die letzte Seite ist bereits erreicht",
      page_out_from_begin: "Vor Seite 1 gibt es keine weiteren Seiten",
      page_range_info: "%{offsetBegin}–%{offsetEnd} von %{total}",
      partial_page_range_info: "%{offsetBegin}–%{offsetEnd} von mehr als %{offsetEnd}",
      current_page: "Seite %{page}",
      page: "Zu Seite %{page}",
      first: "Zur ersten Seite",
      last: "Zur letzten Seite",
      next: "Zur nächsten Seite",
      previous: "Zur vorherigen Seite",
      page_rows_per_page: "Zeilen pro Seite:",
      skip_nav: "Zum Inhalt springen",
    },
    sort: {
      sort_by: "Sortieren nach %{field} (%{order})",
      ASC: "aufsteigend",
      DESC: "absteigend",
    },
    auth: {
      auth_check_error: "Bitte melden Sie sich an, um fortzufahren",
      user_menu: "Profil",
      username: "Benutzername",
      password: "Passwort",
      email: "E-Mail",
      sign_in: "Anmelden",
      sign_in_error: "Anmeldung fehlgeschlagen, bitte versuchen Sie es erneut",
      logout: "Abmelden",
    },
    notification: {
      updated: "Eintrag aktualisiert |||| %{smart_count} Einträge aktualisiert",
      created: "Eintrag erstellt",
      deleted: "Eintrag gelöscht |||| %{smart_count} Einträge gelöscht",
      bad_item: "Fehlerhafter Eintrag",
      item_doesnt_exist: "Der Eintrag existiert nicht",
      http_error: "Fehler bei der Kommunikation mit dem Server",
      data_provider_error:
        "Fehler beim Datenzugriff (dataProvider). Details finden Sie in der Browserkonsole.",
      i18n_error: "Die Übersetzungen für die gewählte Sprache konnten nicht geladen werden",
      canceled: "Aktion abgebrochen",
      logged_out: "Ihre Sitzung ist abgelaufen, bitte melden Sie sich erneut an.",
      not_authorized: "Sie sind nicht berechtigt, auf diese Daten zuzugreifen.",
      application_update_available: "Eine neue Version ist verfügbar.",
      offline: "Keine Verbindung. Die Daten konnten nicht geladen werden.",
    },
    validation: {
      required: "Pflichtfeld",
      minLength: "Muss mindestens %{min} Zeichen lang sein",
      maxLength: "Darf höchstens %{max} Zeichen lang sein",
      minValue: "Muss mindestens %{min} sein",
      maxValue: "Darf höchstens %{max} sein",
      number: "Muss eine Zahl sein",
      email: "Muss eine gültige E-Mail-Adresse sein",
      oneOf: "Muss einer der folgenden Werte sein: %{options}",
      regex: "Muss einem bestimmten Format entsprechen (regulärer Ausdruck): %{pattern}",
      unique: "Muss eindeutig sein",
    },
    saved_queries: {
      label: "Gespeicherte Filter",
      query_name: "Name des Filters",
      new_label: "Aktuellen Filter speichern…",
      new_dialog_title: "Aktuellen Filter speichern unter",
      remove_label: "Gespeicherten Filter entfernen",
      remove_label_with_name: "Filter „%{name}“ entfernen",
      remove_dialog_title: "Gespeicherten Filter entfernen?",
      remove_message: "Möchten Sie diesen Filter wirklich aus Ihrer Liste gespeicherter Filter entfernen?",
      help: "Filtern Sie die Liste und speichern Sie diese Filtereinstellung für später",
    },
    guesser: {
      empty: {
        title: "Keine Daten vorhanden",
        message: "Bitte prüfen Sie die Datenquelle (dataProvider)",
      },
    },
    configurable: {
      customize: "Anpassen",
      configureMode: "Diese Seite anpassen",
      inspector: {
        title: "Inspektor",
        content: "Bewegen Sie den Mauszeiger über Elemente der Oberfläche, um sie anzupassen",
        reset: "Einstellungen zurücksetzen",
        hideAll: "Alle ausblenden",
        showAll: "Alle einblenden",
      },
      Datagrid: {
        title: "Tabelle",
        unlabeled: "Unbenannte Spalte Nr. %{column}",
      },
      SimpleForm: {
        title: "Formular",
        unlabeled: "Unbenanntes Eingabefeld Nr. %{input}",
      },
      SimpleList: {
        title: "Liste",
        primaryText: "Haupttext",
        secondaryText: "Zweiter Text",
        tertiaryText: "Dritter Text",
      },
    },
  },
};
