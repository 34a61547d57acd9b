// Texts of the shared building blocks in ui/: the number input and the list exports.
export const uiMessages = {
  ui: {
    number: {
      understood: "= %{value}",
      empty: "Bitte eine Zahl angeben.",
      invalid: "„%{text}“ ist keine Zahl. Bitte so schreiben: 1.500,50 oder 1500,50.",
      english: "„%{text}“: Bitte ein Komma vor die Nachkommastellen setzen, z. B. 1.500,50.",
      decimals:
        "„%{text}“ hat zu viele Nachkommastellen: höchstens eine. |||| „%{text}“ hat zu viele Nachkommastellen: höchstens %{smart_count}.",
      whole: "„%{text}“: Bitte eine ganze Zahl ohne Nachkommastellen angeben.",
      negative: "„%{text}“: Bitte keine negative Zahl angeben.",
      tooLarge: "„%{text}“ ist zu groß.",
    },
    export: {
      button: "Exportieren",
      csv: "Als CSV",
      xlsx: "Als Excel",
      label: "Liste exportieren",
      failed: "Der Export ist fehlgeschlagen: %{message}",
      empty: "Es gibt nichts zu exportieren.",
      capped: "Exportiert wurden die ersten %{count} Einträge.",
    },
  },
};
