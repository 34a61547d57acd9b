// "Exportieren" → "Als CSV" / "Als Excel" for a list: the rows the list shows with its filters
// and sort applied (all pages), CSV through the List's `exporter` as react-admin's convention has it.
import DownloadIcon from "@mui/icons-material/Download";
import { Button, Menu, MenuItem } from "@mui/material";
import { useId, useState } from "react";
import {
  type Exporter,
  fetchRelatedRecords,
  useDataProvider,
  useListContext,
  useNotify,
  useResourceContext,
  useTranslate,
} from "react-admin";
import type { Row } from "../dataProvider/registry.ts";
import { downloadCsv, downloadXlsx, type ExportColumn, headed } from "./exports.ts";

/** More rows than a register holds in years; a larger export is cut here and says so. */
const MAX_ROWS = 5000;
/** Rows per request: a page of the decisions register with its review counts stays far below the API's cost limit. */
const PAGE = 50;

export interface ListExports {
  /** For the List's `exporter` prop (an Exporter reading its first argument only): the rows as CSV. */
  csv: (rows: Row[]) => void;
  xlsx: (rows: Row[]) => Promise<void>;
}

/**
 * The CSV and XLSX exports of a list's columns, with German headers; `name` is the translation
 * key of the file's name (a resource's name, in its plural).
 */
export function useListExports(columns: ExportColumn[], name: string): ListExports {
  const translate = useTranslate();
  // A resource's name has a plural form ("Beschluss |||| Beschlüsse"): the file holds many.
  const file = translate(name, { smart_count: 2 });
  return {
    csv: (rows: Row[]) => downloadCsv(rows, headed(columns, translate), file),
    xlsx: (rows: Row[]) => downloadXlsx(rows, headed(columns, translate), file),
  };
}

interface Writers {
  csv: (rows: Row[]) => unknown;
  xlsx: (rows: Row[]) => Promise<void>;
}

function ExportMenuButton({ load, write }: { load: () => Promise<Row[]>; write: Writers }) {
  const translate = useTranslate();
  const notify = useNotify();
  const id = useId();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (format: "csv" | "xlsx") => {
    setAnchor(null);
    setBusy(true);
    try {
      const rows = await load();
      if (rows.length === 0) {
        notify("ui.export.empty", { type: "info" });
        return;
      }
      await write[format](rows);
      if (rows.length >= MAX_ROWS)
        notify("ui.export.capped", { type: "info", messageArgs: { count: MAX_ROWS } });
    } catch (error) {
      notify("ui.export.failed", { type: "error", messageArgs: { message: (error as Error).message } });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        size="small"
        startIcon={<DownloadIcon />}
        disabled={busy}
        aria-haspopup="menu"
        aria-controls={anchor ? id : undefined}
        aria-expanded={anchor ? "true" : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        {translate("ui.export.button")}
      </Button>
      <Menu id={id} anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)}>
        <MenuItem onClick={() => run("csv")}>{translate("ui.export.csv")}</MenuItem>
        <MenuItem onClick={() => run("xlsx")}>{translate("ui.export.xlsx")}</MenuItem>
      </Menu>
    </>
  );
}

/**
 * Inside a react-admin List: reads every page of the list as it is filtered and sorted now and
 * writes CSV with the List's `exporter`.
 */
export function ListExportMenu({ exports }: { exports: ListExports }) {
  const { filter, filterValues, sort, exporter } = useListContext();
  const resource = useResourceContext();
  const dataProvider = useDataProvider();
  const load = async () => {
    const rows: Row[] = [];
    for (let page = 1; rows.length < MAX_ROWS; page++) {
      const { data, total } = await dataProvider.getList(resource ?? "", {
        filter: { ...filterValues, ...filter },
        sort,
        pagination: { page, perPage: PAGE },
      });
      rows.push(...data);
      if (data.length < PAGE || (total !== undefined && rows.length >= total)) break;
    }
    return rows.slice(0, MAX_ROWS);
  };
  const csv: Exporter = exporter || exports.csv;
  const write = {
    csv: (rows: Row[]) => csv(rows, fetchRelatedRecords(dataProvider), dataProvider, resource),
    xlsx: exports.xlsx,
  };
  return <ExportMenuButton load={load} write={write} />;
}

/** For a page that filters its rows itself (the escalations board): exports the rows it shows. */
export function RowsExportMenu({ rows, exports }: { rows: Row[]; exports: ListExports }) {
  return <ExportMenuButton load={async () => rows} write={exports} />;
}
