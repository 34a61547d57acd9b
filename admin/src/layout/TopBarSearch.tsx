// The search field of the top bar. The governance area provides the search page it opens.
import SearchIcon from "@mui/icons-material/Search";
import { InputAdornment, TextField } from "@mui/material";
import { useState } from "react";
import { useRedirect, useTranslate } from "react-admin";

export function TopBarSearch() {
  const translate = useTranslate();
  const redirect = useRedirect();
  const [text, setText] = useState("");
  return (
    <form
      aria-label={translate("hub.search.placeholder")}
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) redirect(`/search?q=${encodeURIComponent(text.trim())}`);
      }}
    >
      <TextField
        size="small"
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder={translate("hub.search.placeholder")}
        slotProps={{
          htmlInput: { "aria-label": translate("hub.search.placeholder") },
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon />
              </InputAdornment>
            ),
          },
        }}
        sx={{
          // White on the app bar's blue: the field must stay readable (WCAG AA) in the bar.
          backgroundColor: "rgba(0,0,0,0.25)",
          borderRadius: 1,
          minWidth: { xs: 160, sm: 260 },
          "& .MuiInputBase-root, & .MuiInputAdornment-root, & .MuiSvgIcon-root": { color: "#fff" },
          "& input::placeholder": { color: "#fff", opacity: 0.85 },
          "& fieldset": { borderColor: "rgba(255,255,255,0.6)" },
        }}
      />
    </form>
  );
}
