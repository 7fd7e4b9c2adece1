"use client";

import { type Control, Controller, type FieldPathByValue, type FieldValues } from "react-hook-form";
import { Checkbox } from "./field";

/** An on/off field of a react-hook-form form, as a checkbox with its explanation. */
export function FormCheckbox<TInput extends FieldValues, TOutput>({
  control,
  name,
  label,
  description,
  disabled,
}: {
  control: Control<TInput, unknown, TOutput>;
  name: FieldPathByValue<TInput, boolean | undefined>;
  label: string;
  description?: string;
  disabled?: boolean;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Checkbox
          label={label}
          description={description}
          checked={field.value ?? false}
          onChange={(e) => field.onChange(e.target.checked)}
          onBlur={field.onBlur}
          disabled={disabled}
        />
      )}
    />
  );
}
