// List rows that open with the keyboard. react-admin's Datagrid opens a row on a mouse click
// only; the theme makes this body the default of every Datagrid, so each list that opens its
// rows by click also opens them with Tab and Enter, without every list repeating it.
import { forwardRef, type KeyboardEvent } from "react";
import {
  DatagridBody,
  type DatagridBodyProps,
  DatagridRow,
  type DatagridRowProps,
  useResourceDefinition,
} from "react-admin";

/** A row in the tab order that does on Enter what a click does, when a click opens something. */
const OpenableRow = forwardRef<HTMLTableRowElement, DatagridRowProps>(function OpenableRow(props, ref) {
  const definition = useResourceDefinition({ resource: props.resource });
  // The same rule as react-admin's own clickable-row class: an explicit rowClick, or a detail view.
  const openable =
    props.rowClick !== false && (props.rowClick != null || definition.hasShow || definition.hasEdit);
  if (!openable) return <DatagridRow ref={ref} {...props} />;
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>) => {
    // Enter on a button or link inside the row belongs to that control.
    if (event.key !== "Enter" || event.target !== event.currentTarget) return;
    event.preventDefault();
    event.currentTarget.click();
  };
  return (
    <DatagridRow
      ref={ref}
      {...props}
      tabIndex={0}
      onKeyDown={onKeyDown}
      sx={[
        { "&:focus-visible": { outline: "3px solid #1f4e79", outlineOffset: "-3px" } },
        ...(Array.isArray(props.sx) ? props.sx : props.sx ? [props.sx] : []),
      ]}
    />
  );
});

export const KeyboardDatagridBody = forwardRef<HTMLTableSectionElement, DatagridBodyProps>(
  function KeyboardDatagridBody(props, ref) {
    return <DatagridBody ref={ref} {...props} row={<OpenableRow />} />;
  },
);
// MUI's Table accepts only its own body as child; react-admin marks its bodies the same way.
(KeyboardDatagridBody as unknown as { muiName: string }).muiName = "TableBody";
