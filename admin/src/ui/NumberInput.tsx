// The one input for person-days, euros and percentages: German text in ("1.500,50"), the API's
// exact decimal string out ("1500.50"), what it understood shown under the field before saving
// ("= 1.500,50 €"), and every refusal or server error at the field, in German.
import { TextField, type TextFieldProps } from "@mui/material";
import { useEffect, useRef, useState } from "react";
import { FieldTitle, useInput, useTranslate, ValidationError, type Validator } from "react-admin";
import { useFormContext } from "react-hook-form";
import {
  editText,
  type NumberSpec,
  type ParsedNumber,
  parseNumber,
  problemMessage,
  understood,
} from "./numbers.ts";

/** The German sentence for a refused text, or null for an accepted or empty one. */
function useNumberProblem() {
  const translate = useTranslate();
  return (parsed: ParsedNumber | null): string | null => {
    if (!parsed || parsed.ok) return null;
    const { message, args } = problemMessage(parsed);
    return translate(message, args);
  };
}

const parsedOf = (text: string, spec: NumberSpec) => (text.trim() ? parseNumber(text, spec) : null);

type PlainProps = Omit<TextFieldProps, "value" | "onChange" | "error"> & {
  /** The text as typed. */
  value: string;
  onChange: (text: string) => void;
  spec: NumberSpec;
  /** The server's German message about this field, shown until the text changes. */
  serverError?: string | null;
  /** Shows a refusal before the field was left, e.g. after a submit. */
  showProblem?: boolean;
  /** A hint that stays beside what was understood (`helperText` shows only while nothing is). */
  hint?: string;
  name?: string;
};

/**
 * For forms outside react-admin's (dialogs, the booking form): the parent keeps the text and
 * reads the value with parseNumber(text, spec) when it submits.
 */
export function NumberField({
  value,
  onChange,
  spec,
  serverError,
  showProblem = false,
  hint,
  helperText,
  name,
  slotProps,
  onBlur,
  ...rest
}: PlainProps) {
  const translate = useTranslate();
  const problemOf = useNumberProblem();
  const [left, setLeft] = useState(false);
  const parsed = parsedOf(value, spec);
  const problem = left || showProblem ? problemOf(parsed) : null;
  const reading = parsed?.ok
    ? translate("ui.number.understood", { value: understood(parsed.value, spec) })
    : null;
  const message =
    problem ?? serverError ?? (reading && hint ? `${reading} · ${hint}` : (reading ?? hint ?? helperText));
  return (
    <TextField
      {...rest}
      value={value}
      onChange={(event) => {
        setLeft(false);
        onChange(event.target.value);
      }}
      onBlur={(event) => {
        setLeft(true);
        onBlur?.(event);
      }}
      error={Boolean(problem ?? serverError)}
      helperText={message}
      slotProps={{
        ...slotProps,
        htmlInput: { inputMode: "decimal", autoComplete: "off", name, ...slotProps?.htmlInput },
      }}
    />
  );
}

type InputProps = Omit<TextFieldProps, "value" | "onChange" | "error" | "label" | "helperText"> & {
  source: string;
  spec: NumberSpec;
  label?: string;
  helperText?: string;
  validate?: Validator | Validator[];
};

/**
 * For react-admin forms: the form holds the API's decimal string; the text stays as typed while
 * the person types. A server error about the field (dataProvider: body.errors) shows here too.
 */
export function NumberInput({ source, spec, label, helperText, validate, slotProps, ...rest }: InputProps) {
  const translate = useTranslate();
  const { trigger } = useFormContext();
  // The validator reads the text's reading: the form's value alone cannot tell a refused text
  // ("1,333", kept as typed so that "required" does not fire) from an accepted decimal.
  const parsedRef = useRef<ParsedNumber | null>(null);
  const textValidator = useRef<Validator>(() => {
    const parsed = parsedRef.current;
    return parsed && !parsed.ok ? problemMessage(parsed) : undefined;
  }).current;
  const { field, fieldState, id, isRequired } = useInput({
    source,
    validate: [textValidator, ...(Array.isArray(validate) ? validate : validate ? [validate] : [])],
  });
  const [text, setText] = useState(() => editText(field.value, spec));
  // The value last set from the text: any other (a record loaded, a reset) replaces the text.
  const own = useRef<unknown>(field.value);
  useEffect(() => {
    if (field.value === own.current || (field.value === "" && own.current === null)) return;
    own.current = field.value;
    parsedRef.current = null;
    setText(editText(field.value, spec));
  }, [field.value, spec]);
  const parsed = parsedOf(text, spec);
  const error = fieldState.error?.message;
  return (
    <TextField
      {...rest}
      id={id}
      name={field.name}
      inputRef={field.ref}
      value={text}
      onChange={(event) => {
        const next = event.target.value;
        const reading = parsedOf(next, spec);
        parsedRef.current = reading;
        const value = reading === null ? null : reading.ok ? reading.value : next;
        own.current = value;
        setText(next);
        field.onChange(value);
        // Once refused (on leaving, saving, or by the server), the field says when it is right.
        if (fieldState.invalid) void trigger(field.name);
      }}
      onBlur={() => {
        field.onBlur();
        // A refusal shows when the person leaves the field, not only after saving.
        if (parsedRef.current && !parsedRef.current.ok) void trigger(field.name);
      }}
      label={<FieldTitle label={label} source={source} isRequired={isRequired} />}
      error={Boolean(error)}
      helperText={
        error ? (
          <ValidationError error={error} />
        ) : parsed?.ok ? (
          translate("ui.number.understood", { value: understood(parsed.value, spec) })
        ) : helperText ? (
          translate(helperText, { _: helperText })
        ) : (
          " "
        )
      }
      slotProps={{
        ...slotProps,
        htmlInput: { inputMode: "decimal", autoComplete: "off", ...slotProps?.htmlInput },
      }}
    />
  );
}
