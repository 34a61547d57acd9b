// The full-text search the top bar opens: decisions, agenda notes, minutes and amendments.
import SearchIcon from "@mui/icons-material/Search";
import {
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Link as MuiLink,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { type FormEvent, useEffect, useState } from "react";
import { Title, useNotify, useTranslate } from "react-admin";
import { Link, useLocation, useNavigate } from "react-router-dom";
import { date } from "../format.ts";
import { request } from "../graphql.ts";
import { showPath } from "./util.tsx";

interface Hit {
  kind: string;
  title: string;
  snippet: string;
  date: string;
  meeting: { id: string; title: string; authority: { name: string } };
  decision: { id: string } | null;
}

export function SearchPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const location = useLocation();
  const q = new URLSearchParams(location.search).get("q") ?? "";
  const [text, setText] = useState(q);
  const [hits, setHits] = useState<Hit[] | null>(null);

  useEffect(() => {
    setText(q);
    if (!q.trim()) {
      setHits([]);
      return;
    }
    let live = true;
    setHits(null);
    request<{ searchGovernance: Hit[] }>(
      `query ($text: String!) { searchGovernance(text: $text, first: 50) {
        kind title snippet date decision { id } meeting { id title authority { name } } } }`,
      { text: q },
    )
      .then((data) => live && setHits(data.searchGovernance))
      .catch((error: Error) => {
        notify(error.message, { type: "error" });
        if (live) setHits([]);
      });
    return () => {
      live = false;
    };
  }, [q, notify]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) navigate(`/search?q=${encodeURIComponent(text.trim())}`);
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="gov.search.title" />
      <CardContent>
        <Typography variant="h5" component="h1" gutterBottom>
          {translate("gov.search.title")}
        </Typography>
        <Box component="form" role="search" onSubmit={submit} sx={{ mb: 2 }}>
          <Stack direction="row" spacing={1}>
            <TextField
              size="small"
              label={translate("gov.search.label")}
              value={text}
              onChange={(e) => setText(e.target.value)}
              sx={{ flexGrow: 1, maxWidth: 520 }}
            />
            <Button type="submit" variant="contained" startIcon={<SearchIcon />}>
              {translate("gov.search.submit")}
            </Button>
          </Stack>
        </Box>
        {!q.trim() ? (
          <Typography>{translate("gov.search.empty")}</Typography>
        ) : hits === null ? (
          <Typography>{translate("gov.common.loading")}</Typography>
        ) : hits.length === 0 ? (
          <Typography role="status">{translate("gov.search.none", { q })}</Typography>
        ) : (
          <>
            <Typography role="status" variant="subtitle1" sx={{ mb: 1 }}>
              {translate("gov.search.results", { count: hits.length, q })}
            </Typography>
            <Stack component="ol" spacing={1.5} sx={{ listStyle: "none", p: 0, m: 0 }}>
              {hits.map((hit) => (
                <Box
                  component="li"
                  key={`${hit.kind}-${hit.decision?.id ?? hit.meeting.id}-${hit.title}-${hit.snippet.slice(0, 40)}`}
                  sx={{ borderBottom: 1, borderColor: "divider", pb: 1 }}
                >
                  <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }}>
                    <Chip
                      size="small"
                      variant="outlined"
                      label={translate(`enums.SearchHitKind.${hit.kind}`)}
                    />
                    <MuiLink
                      component={Link}
                      to={
                        hit.decision
                          ? showPath("decisions", hit.decision.id)
                          : showPath("meetings", hit.meeting.id)
                      }
                      sx={{ fontWeight: 600 }}
                    >
                      {hit.title}
                    </MuiLink>
                  </Stack>
                  <Typography variant="body2" sx={{ mt: 0.5 }}>
                    {hit.snippet}
                  </Typography>
                  <Typography variant="caption" color="text.secondary">
                    <MuiLink component={Link} to={showPath("meetings", hit.meeting.id)}>
                      {translate("gov.search.meeting", { title: hit.meeting.title, date: date(hit.date) })}
                    </MuiLink>{" "}
                    · {hit.meeting.authority.name}
                  </Typography>
                </Box>
              ))}
            </Stack>
          </>
        )}
      </CardContent>
    </Card>
  );
}
